/*
 * /proc/self/mem for the guest: the file's offsets are guest addresses.
 *
 * The host's file would take host addresses (a guest could read or patch
 * mimic itself), so opening it gives a fresh memfd instead, whose inode is
 * remembered; the read and write calls on a descriptor of such an inode
 * come here (procfs_mem_fd, free while no such file was ever opened) and
 * access guest memory at the memfd's own file position, which dup'd
 * descriptors share as they would the kernel's.
 *
 * Semantics are the kernel's (mem_rw, ptrace's FOLL_FORCE): any valid
 * guest page can be read, even one the guest cannot read, and written,
 * even a read-only one (a private mapping gets its own copy); an address
 * that is not mapped, or beyond the guest space, ends the transfer, with
 * EIO if nothing was transferred.  The copy itself goes through the host's
 * /proc/self/mem at the page's host address, so the host kernel applies
 * those rules and a file page past its end is an error, not a SIGBUS in
 * mimic.  Written pages lose their translated code.
 *
 * /proc/self/pagemap is the same kind of file (its offsets name guest
 * pages) and is served here too.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tcg/tb.h"
#include "user.h"

int procfs_mem_files;

static pthread_mutex_t mem_lock = PTHREAD_MUTEX_INITIALIZER;
/* What a remembered inode stands for. */
typedef enum { MEM_FILE, PAGEMAP_FILE } MemKind;
static struct { dev_t dev; ino_t ino; MemKind kind; } *mem_inodes;
static size_t n_mem_inodes;

int procfs_mem_open(const ProcPath *pp, int flags)
{
    /* Named after the file: readlink of /proc/self/fd/N shows it. */
    int m = memfd_create(pp->host, MFD_CLOEXEC);
    if (m < 0) {
        return -errno;
    }
    struct stat st;
    fstat(m, &st);
    /* A new open file of the memfd, with the guest's access mode. */
    char path[32];
    snprintf(path, sizeof(path), "/proc/self/fd/%d", m);
    int fd = open(path, flags & (O_ACCMODE | O_CLOEXEC | O_NONBLOCK));
    int err = errno;
    close(m);
    if (fd < 0) {
        return -err;
    }
    pthread_mutex_lock(&mem_lock);
    mem_inodes = realloc(mem_inodes, (n_mem_inodes + 1) * sizeof(*mem_inodes));
    mem_inodes[n_mem_inodes].dev = st.st_dev;
    mem_inodes[n_mem_inodes].ino = st.st_ino;
    mem_inodes[n_mem_inodes].kind = strcmp(pp->entry, "pagemap") ? MEM_FILE : PAGEMAP_FILE;
    n_mem_inodes++;
    __atomic_store_n(&procfs_mem_files, 1, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&mem_lock);
    return fd;
}

/* The kind of file fd is, if it is one of ours; -1 if not. */
static int mem_kind(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        return -1;
    }
    int kind = -1;
    pthread_mutex_lock(&mem_lock);
    for (size_t i = 0; i < n_mem_inodes && kind < 0; i++) {
        if (mem_inodes[i].ino == st.st_ino && mem_inodes[i].dev == st.st_dev) {
            kind = mem_inodes[i].kind;
        }
    }
    pthread_mutex_unlock(&mem_lock);
    return kind;
}

bool procfs_is_mem_fd(int fd)
{
    return mem_kind(fd) >= 0;
}

/*
 * /proc/self/pagemap: one 64-bit entry per guest page, at offset 8 * page
 * number.  A page the guest has mapped has the host's entry of the page
 * that holds it (present, swapped, soft-dirty, exclusive...); any other
 * page, in the guest space, reads as 0 (not present), as an unmapped
 * page does; the file ends at the end of the guest space.  Reads must be
 * whole entries, as the kernel's.
 */
static int64_t pagemap_read(uint64_t pos, void *buf, uint64_t len)
{
    if ((pos | len) & 7) {
        return -EINVAL;
    }
    uint64_t first = pos / 8, npages = guest_space_size >> GUEST_PAGE_BITS;
    if (first >= npages) {
        return 0;
    }
    uint64_t n = len / 8 < npages - first ? len / 8 : npages - first;
    uint64_t *out = buf;
    memset(out, 0, n * 8);
    int host = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    if (host < 0) {
        return -errno;
    }
    mmap_lock();
    for (uint64_t i = 0; i < n; i++) {
        uint64_t addr = (first + i) << GUEST_PAGE_BITS;
        if (!(page_get_flags(addr) & PAGE_VALID)) {
            continue;
        }
        /* One read for the run of mapped pages from here. */
        uint64_t run = 1;
        while (i + run < n && (page_get_flags(addr + (run << GUEST_PAGE_BITS)) & PAGE_VALID)) {
            run++;
        }
        off_t at = (off_t)(((uintptr_t)g2h(addr) >> GUEST_PAGE_BITS) * 8);
        if (pread(host, out + i, run * 8, at) != (ssize_t)(run * 8)) {
            memset(out + i, 0, run * 8);
        }
        i += run - 1;
    }
    mmap_unlock();
    close(host);
    return n * 8;
}

static int64_t pagemap_io(int fd, const uint64_t *segs, uint64_t nseg, bool write,
                          bool positional, uint64_t pos)
{
    if (write) {
        return -EINVAL;     /* the kernel's pagemap has no write */
    }
    if (!positional) {
        off_t cur = lseek(fd, 0, SEEK_CUR);
        if (cur < 0) {
            return -errno;
        }
        pos = cur;
    }
    int64_t total = 0;
    for (uint64_t s = 0; s < nseg; s++) {
        uint64_t len = segs[2 * s + 1] < (1u << 20) ? segs[2 * s + 1] : (1u << 20);
        void *tmp = malloc(len ? len : 1);
        int64_t r = pagemap_read(pos, tmp, len);
        if (r > 0 && copy_to_user(segs[2 * s], tmp, r)) {
            r = -EFAULT;
        }
        free(tmp);
        if (r < 0) {
            if (!total) {
                total = r;
            }
            break;
        }
        total += r;
        pos += r;
        if ((uint64_t)r < segs[2 * s + 1]) {
            break;
        }
    }
    if (!positional && total > 0) {
        lseek(fd, (off_t)pos, SEEK_SET);
    }
    return total;
}

/*
 * Copies len bytes (within one guest page) between buf and the guest at
 * addr.  host_mem is the host's /proc/self/mem, or -1 if we may not open
 * it (then only what the guest itself could access is reachable).
 * Returns the bytes copied, 0 if none could be.
 */
static size_t mem_page(int host_mem, uint64_t addr, void *buf, size_t len, bool write)
{
    size_t done = 0;
    mmap_lock();
    int f = addr < guest_space_size ? page_get_flags(addr) : 0;
    if (!(f & PAGE_VALID)) {
        goto out;
    }
    if (write && (f & PAGE_WRITE)) {
        /* Lift the code-page protection first: the host kernel does not
         * write a shared mapping the host has read-only. */
        lock_user(addr, len, VERIFY_WRITE);
    }
    void *h = g2h(addr);
    ssize_t r;
    if (host_mem >= 0) {
        r = write ? pwrite(host_mem, buf, len, (off_t)(uintptr_t)h)
                  : pread(host_mem, buf, len, (off_t)(uintptr_t)h);
    } else if (write ? (f & PAGE_WRITE) != 0 : (f & (PAGE_READ | PAGE_WRITE | PAGE_EXEC)) != 0) {
        r = len;
        if (write) {
            memcpy(h, buf, len);
        } else {
            memcpy(buf, h, len);
        }
    } else {
        r = 0;
    }
    done = r > 0 ? (size_t)r : 0;
    /* A block may have been translated from the page meanwhile. */
    if (write && done && (page_get_flags(addr) & PAGE_TB)) {
        uint64_t page = addr & GUEST_PAGE_MASK;
        tb_invalidate_range(page, page + GUEST_PAGE_SIZE);
    }
out:
    mmap_unlock();
    return done;
}

int64_t procfs_mem_io(int fd, const uint64_t *segs, uint64_t nseg, bool write,
                      bool positional, uint64_t pos)
{
    if (mem_kind(fd) == PAGEMAP_FILE) {
        return pagemap_io(fd, segs, nseg, write, positional, pos);
    }
    int acc = fcntl(fd, F_GETFL);
    if (acc < 0) {
        return -errno;
    }
    acc &= O_ACCMODE;
    if (acc == (write ? O_RDONLY : O_WRONLY)) {
        return -EBADF;
    }
    if (!positional) {
        off_t cur = lseek(fd, 0, SEEK_CUR);
        if (cur < 0) {
            return -errno;
        }
        pos = cur;
    }
    int host_mem = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
    char bounce[GUEST_PAGE_SIZE];
    int64_t total = 0, err = 0;
    for (uint64_t s = 0; s < nseg && !err; s++) {
        uint64_t base = segs[2 * s], len = segs[2 * s + 1];
        while (len && !err) {
            uint64_t n = GUEST_PAGE_SIZE - (pos & ~GUEST_PAGE_MASK);
            n = n < len ? n : len;
            if (write && copy_from_user(bounce, base, n)) {
                err = -EFAULT;
                break;
            }
            size_t done = mem_page(host_mem, pos, bounce, n, write);
            if (!write && done && copy_to_user(base, bounce, done)) {
                err = -EFAULT;
                break;
            }
            total += done;
            pos += done;
            base += done;
            len -= done;
            if (done < n) {
                err = -EIO;
            }
        }
    }
    if (host_mem >= 0) {
        close(host_mem);
    }
    if (!positional && total) {
        lseek(fd, (off_t)pos, SEEK_SET);
    }
    return total ? total : err;
}

int64_t procfs_mem_lseek(int fd, int64_t off, int whence)
{
    /* mem has no end: only SEEK_SET and SEEK_CUR. */
    if (whence != SEEK_SET && whence != SEEK_CUR) {
        return -EINVAL;
    }
    off_t r = lseek(fd, off, whence);
    return r < 0 ? -errno : r;
}
