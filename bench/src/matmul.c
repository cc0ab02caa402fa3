/* Double-precision matrix multiply, 160x160, naive i-k-j order (scalar or
 * 2-lane vector FP multiply and add).  Built with -ffp-contract=off on both
 * hosts so results are bit-identical to the x86-64 native run. */
#include "bench.h"
#include <string.h>

#define N 160
#define FULL_REPS 80

static double a[N][N], b[N][N], c[N][N];

int main(int argc, char **argv)
{
    long reps = bench_reps(argc, argv, FULL_REPS);
    uint64_t sum = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (double)((i * 7 + j * 3) % 17) / 8.0 - 1.0;
            b[i][j] = (double)((i * 5 + j * 11) % 23) / 16.0 - 0.7;
        }
    for (long r = 0; r < reps; r++) {
        memset(c, 0, sizeof c);
        for (int i = 0; i < N; i++)
            for (int k = 0; k < N; k++) {
                double aik = a[i][k];
                for (int j = 0; j < N; j++)
                    c[i][j] += aik * b[k][j];
            }
        double total = 0;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                total += c[i][j];
                a[i][j] = c[i][j] / (double)N;   /* feed back, keep bounded */
            }
        uint64_t bits;
        memcpy(&bits, &total, 8);
        sum = bench_mix(sum, bits);
    }
    bench_print("matmul", reps, sum);
    return 0;
}
