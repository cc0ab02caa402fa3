/* CRC loops: table-driven CRC-32 (the zlib/gzip polynomial, reflected, one
 * table lookup per byte: a load-xor-shift chain) and bitwise CRC-32C
 * (Castagnoli, eight shift/mask/xor steps per byte: branch-free ALU work)
 * over a 256 KiB buffer.  Plain C, no CRC instructions on either host. */
#include "bench.h"
#include <string.h>

#define BUF_SIZE (256u << 10)
#define FULL_REPS 40
#define CRC32_POLY 0xEDB88320u              /* reflected 0x04C11DB7 */
#define CRC32C_POLY 0x82F63B78u             /* reflected 0x1EDC6F41 */

static uint32_t table[256];

static void crc32_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (CRC32_POLY & -(c & 1));
        table[i] = c;
    }
}

static uint32_t crc32_table(const uint8_t *p, size_t n)
{
    uint32_t c = ~0u;
    for (size_t i = 0; i < n; i++)
        c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return ~c;
}

static uint32_t crc32c_bitwise(const uint8_t *p, size_t n)
{
    uint32_t c = ~0u;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (CRC32C_POLY & -(c & 1));
    }
    return ~c;
}

int main(int argc, char **argv)
{
    long reps = bench_reps(argc, argv, FULL_REPS);
    uint8_t *buf = malloc(BUF_SIZE);
    uint64_t s = 7, sum = 0;
    for (size_t i = 0; i < BUF_SIZE; i += 8) {
        uint64_t r = bench_rand(&s);
        memcpy(buf + i, &r, 8);
    }
    crc32_init();
    /* Known answers ("123456789"): a wrong CRC must not pass as a checksum. */
    if (crc32_table((const uint8_t *)"123456789", 9) != 0xCBF43926u
        || crc32c_bitwise((const uint8_t *)"123456789", 9) != 0xE3069283u) {
        fprintf(stderr, "crc: known-answer check failed\n");
        return 1;
    }
    for (long r = 0; r < reps; r++) {
        buf[(r * 7919) % BUF_SIZE] ^= (uint8_t)r;
        size_t off = (size_t)(r * 5) % 32, len = BUF_SIZE - 32 - (r % 13);
        for (int k = 0; k < 8; k++)
            sum = bench_mix(sum, crc32_table(buf + off, len));
        sum = bench_mix(sum, crc32c_bitwise(buf + off, len));
    }
    bench_print("crc", reps, sum);
    free(buf);
    return 0;
}
