/* Owns: the `make demo` program: an ASCII Mandelbrot set in double precision,
 * then a prime sieve count, digits of pi and a SHA-256 digest, all
 * deterministic (about 0.5 s under qemu-aarch64; doubles as a guest test). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void mandelbrot(void)
{
    const char *shades = " .,:;-=+*#%";
    static const int steps[] = {3, 4, 5, 7, 9, 12, 17, 25, 40};
    const int w = 78, h = 30, maxit = 30000;
    for (int y = 0; y < h; y++) {
        char line[96];
        for (int x = 0; x < w; x++) {
            double cr = -2.2 + 3.0 * x / (w - 1), ci = -1.2 + 2.4 * y / (h - 1);
            double zr = 0, zi = 0;
            int it = 0;
            while (it < maxit && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                it++;
            }
            int shade = 0;
            while (shade < 9 && steps[shade] <= it)
                shade++;
            line[x] = it == maxit ? '@' : shades[shade];
        }
        line[w] = 0;
        printf("%s\n", line);
    }
}

/* Rabinowitz-Wagon spigot: the first n decimal digits of pi */
static void pi_digits(int n)
{
    int len = n * 10 / 3 + 1, nines = 0, predigit = 0, printed = 0;
    int *a = malloc(len * sizeof(int));
    for (int i = 0; i < len; i++)
        a[i] = 2;
    char *out = malloc(n + 2);
    for (int j = 0; j < n; j++) {
        int q = 0;
        for (int i = len; i > 0; i--) {
            int x = 10 * a[i - 1] + q * i;
            a[i - 1] = x % (2 * i - 1);
            q = x / (2 * i - 1);
        }
        a[0] = q % 10;
        q /= 10;
        if (q == 9) {
            nines++;
        } else if (q == 10) {
            out[printed++] = '0' + predigit + 1;
            while (nines > 0)
                out[printed++] = '0', nines--;
            predigit = 0;
        } else {
            if (j > 0)
                out[printed++] = '0' + predigit;
            predigit = q;
            while (nines > 0)
                out[printed++] = '9', nines--;
        }
    }
    out[printed++] = '0' + predigit;
    out[printed] = 0;
    printf("pi = %c.%s\n", out[0], out + 1);
    free(out);
    free(a);
}

static int sieve(int n)
{
    char *composite = calloc(n + 1, 1);
    int count = 0;
    for (int i = 2; i <= n; i++) {
        if (composite[i])
            continue;
        count++;
        for (long j = (long)i * i; j <= n; j += i)
            composite[j] = 1;
    }
    free(composite);
    return count;
}

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
};

static uint32_t ror(uint32_t x, int n) { return x >> n | x << (32 - n); }

static void sha256(const unsigned char *msg, size_t len, unsigned char out[32])
{
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    size_t total = (len + 9 + 63) / 64 * 64;
    unsigned char *m = calloc(total, 1);
    memcpy(m, msg, len);
    m[len] = 0x80;
    for (int i = 0; i < 8; i++)
        m[total - 1 - i] = (unsigned char)((uint64_t)len * 8 >> (8 * i));
    for (size_t off = 0; off < total; off += 64) {
        uint32_t w[64];
        for (int i = 0; i < 16; i++)
            w[i] = (uint32_t)m[off + 4 * i] << 24 | m[off + 4 * i + 1] << 16 |
                   m[off + 4 * i + 2] << 8 | m[off + 4 * i + 3];
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; i++) {
            uint32_t t1 = hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) +
                          K[i] + w[i];
            uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
    free(m);
    for (int i = 0; i < 32; i++)
        out[i] = (unsigned char)(h[i / 4] >> (24 - 8 * (i % 4)));
}

int main(void)
{
    mandelbrot();
    printf("primes below 2,000,000: %d\n", sieve(2000000));
    pi_digits(70);
    const char *s = "The quick brown fox jumps over the lazy dog";
    unsigned char d[32];
    sha256((const unsigned char *)s, strlen(s), d);
    printf("sha256(\"%s\") =\n  ", s);
    for (int i = 0; i < 32; i++)
        printf("%02x", d[i]);
    printf("\n");
    return 0;
}
