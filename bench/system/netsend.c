/*
 * The net workload's sender: MIB mebibytes of zeros to a TCP sink, in
 * writes of BUF bytes, then a half-close and a wait for the sink to close
 * its side (it does once it has every byte), so the time covers delivery
 * to the host, not just the guest's socket buffer.  It replaces
 * `dd | nc`: busybox nc moves 1 KiB per read and write, and the guest's
 * system calls, not the emulated network, then set the pace.
 *
 *   netsend ADDR PORT MIB [BUF]     exit 0 when the sink saw it all
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 4) {
        printf("usage: netsend ADDR PORT MIB [BUF]\n");
        return 2;
    }
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[2])) };
    if (inet_pton(AF_INET, argv[1], &sa.sin_addr) != 1) {
        printf("netsend: bad address %s\n", argv[1]);
        return 2;
    }
    long long left = atoll(argv[3]) << 20;
    size_t bufsize = argc > 4 ? (size_t)atol(argv[4]) : 256 << 10;
    char *buf = calloc(1, bufsize ? bufsize : 1);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (!buf || fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        perror("netsend: connect");
        return 1;
    }
    while (left > 0) {
        ssize_t n = write(fd, buf, left < (long long)bufsize ? (size_t)left : bufsize);
        if (n <= 0) {
            perror("netsend: write");
            return 1;
        }
        left -= n;
    }
    shutdown(fd, SHUT_WR);
    while (read(fd, buf, bufsize) > 0) {
        /* the sink sends nothing; EOF is its close */
    }
    close(fd);
    return 0;
}
