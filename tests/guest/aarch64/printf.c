/* Owns: glibc formatted output and number parsing as a guest runs them:
 * printf of integers (all length modifiers, bases, flags, padding) and of
 * doubles/floats (%f %e %g %a incl. denormals, infinities, NaN, -0.0),
 * snprintf truncation, strtod/strtof/strtol, and a sample of libm. Inputs are
 * volatile so that -O2 cannot fold the calls at compile time. */
#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#pragma GCC diagnostic ignored "-Wformat-truncation"   /* truncation is tested */

static void test_ints(void)
{
    static volatile long long v[] = {0, 1, -1, 42, -42, 127, 128, 255, 256, 32767, -32768,
                                     65535, INT_MAX, INT_MIN, UINT_MAX, LLONG_MAX, LLONG_MIN,
                                     0x123456789abcdefLL, -1000000007LL};
    for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        long long x = v[i];
        printf("[%d|%i|%u|%x|%X|%o] ", (int)x, (int)x, (unsigned)x, (unsigned)x, (unsigned)x,
               (unsigned)x);
        printf("[%hhd|%hhu|%hd|%hu|%hx] ", (signed char)x, (unsigned char)x, (short)x,
               (unsigned short)x, (unsigned short)x);
        printf("[%ld|%lu|%lx|%llo|%jd|%zu|%td]\n", (long)x, (unsigned long)x,
               (unsigned long)x, (unsigned long long)x, (intmax_t)x, (size_t)x,
               (ptrdiff_t)x);
        printf("  [%08d|%-8d|%+d|% d|%#x|%#o|%.5d|%*d|%-*d|%+.3ld|%#018llx]\n", (int)x, (int)x,
               (int)x, (int)x, (unsigned)x, (unsigned)x, (int)x, 12, (int)x, 7, (int)x,
               (long)x, (unsigned long long)x);
    }
    printf("[%" PRId8 "|%" PRIu16 "|%" PRIx32 "|%" PRId64 "|%" PRIX64 "]\n", (int8_t)-5,
           (uint16_t)65000, (uint32_t)0xdeadbeef, (int64_t)-1, (uint64_t)0xfeedfacecafef00d);
    printf("[%c%c%c|%5s|%-5s|%.2s|%%|%5c]\n", 'a', 'b', 'c', "xy", "xy", "wxyz", 'z');
}

static volatile double dv[] = {
    0.0, -0.0, 1.0, -1.0, 0.1, 1.0 / 3, 2.0 / 3, 0.5, 1.5, 2.5, -2.5, 1e-7, 123456789.125,
    1e21, 1e22, 1e23, 9007199254740993.0, 3.141592653589793, 2.718281828459045, 1e-300,
    1e300, DBL_MAX, DBL_MIN, 2.2250738585072009e-308, 4.9406564584124654e-324, 1e-310,
    65504.0, 0.000123456, 999999.5, 0.95, 9.5e-5,
};

static void test_doubles(void)
{
    for (unsigned i = 0; i < sizeof(dv) / sizeof(dv[0]); i++) {
        double d = dv[i];
        printf("%a | %.17g | %g | %e | %.3f | %.0f | %10.4e | %+.2g | %#g\n", d, d, d, d, d,
               d, d, d, d);
        printf("   %.1a %A %12.3g %-12.3g| %.20e\n", d, d, d, d, d);
    }
    printf("%f\n", DBL_MAX);
    printf("%.40f\n", DBL_MIN);
    volatile double zero = 0.0;
    double inf = 1.0 / zero, nan_ = zero / zero;
    printf("inf: %f %e %g %a %F %5.1f|%-6f|%+f\n", inf, -inf, inf, inf, inf, inf, inf, inf);
    printf("nan: sign=%d %f %e %G %a %F\n", (int)signbit(nan_), fabs(nan_), fabs(nan_),
           fabs(nan_), fabs(nan_), fabs(nan_));
    static volatile float fv[] = {1.1f, -0.0f, FLT_MIN, FLT_MAX, 1e-45f, 16777217.0f,
                                  0.3f, 3.4028234e38f};
    for (unsigned i = 0; i < sizeof(fv) / sizeof(fv[0]); i++)
        printf("float %a %.9g %e\n", (double)fv[i], (double)fv[i], (double)fv[i]);
}

static void test_snprintf(void)
{
    char s[16];
    int n = snprintf(s, sizeof(s), "%s-%d-%f", "abcdefgh", 123456, 2.5);
    printf("snprintf n=%d s=\"%s\"\n", n, s);
    n = snprintf(s, 1, "xyz");
    printf("snprintf size1 n=%d len=%zu\n", n, strlen(s));
    n = snprintf(NULL, 0, "%0100d", 5);
    printf("snprintf NULL n=%d\n", n);
    char big[700];
    n = snprintf(big, sizeof(big), "%.300e|%300s", 1.0 / 3, "r");
    printf("snprintf big n=%d tail=%s\n", n, big + n - 3);
}

static void test_strtod(void)
{
    static const char *in[] = {
        "0.1", "  -12.5e2xyz", "1e-400", "1e309", "4.9e-324", "2.4703282292062328e-324",
        "2.4703282292062327e-324", "0x1.8p3", "0X.8P-1", "inf", "-Infinity", "nan",
        "nan(123)", "123456789012345678901234567890", "1.7976931348623158e308",
        "1.7976931348623159e308", "0.000000000000000000000000000001e30", ".", "-", "e5",
        "1e", "0x", "00012.500", "2.2250738585072011e-308",
    };
    for (unsigned i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        char *end;
        errno = 0;
        double d = strtod(in[i], &end);
        int e1 = errno;
        errno = 0;
        float f = strtof(in[i], NULL);
        int e2 = errno;
        printf("strtod(\"%s\") = %a used=%td erange=%d | strtof = %a erange=%d\n", in[i],
               d, end - in[i], e1 == ERANGE, (double)f, e2 == ERANGE);
    }
    static const struct { const char *s; int base; } li[] = {
        {"123", 10}, {"-0x7f", 16}, {"0x7f", 0}, {"0777", 0}, {"z", 36}, {"  +42abc", 10},
        {"9223372036854775807", 10}, {"9223372036854775808", 10}, {"-9223372036854775809", 10},
        {"18446744073709551615", 10}, {"-1", 10}, {"101011", 2}, {"", 10},
    };
    for (unsigned i = 0; i < sizeof(li) / sizeof(li[0]); i++) {
        char *end;
        errno = 0;
        long l = strtol(li[i].s, &end, li[i].base);
        int e1 = errno;
        errno = 0;
        unsigned long ul = strtoul(li[i].s, NULL, li[i].base);
        printf("strtol(\"%s\",%d) = %ld used=%td erange=%d | strtoul = %lu erange=%d\n",
               li[i].s, li[i].base, l, end - li[i].s, e1 == ERANGE, ul, errno == ERANGE);
    }
    printf("atoi=%d atof=%g sscanf:", atoi("  -77x"), atof("6.02e23"));
    int a;
    double b;
    char w[8];
    int n = sscanf("17 3.25e-1 word", "%d %lf %7s", &a, &b, w);
    printf(" n=%d %d %a %s\n", n, a, b, w);
}

static void test_libm(void)
{
    static volatile double x[] = {2.0, -2.5, 0.5, 10.0, 1e-5, 100.0, -0.0, 1e22, 0.7853981633974483};
    for (unsigned i = 0; i < sizeof(x) / sizeof(x[0]); i++) {
        double v = x[i];
        printf("x=%g sqrt=%a floor=%a ceil=%a round=%a trunc=%a rint=%a\n", v, sqrt(v),
               floor(v), ceil(v), round(v), trunc(v), rint(v));
        printf("  exp=%a log=%a log10=%a pow=%a sin=%a cos=%a tan=%a\n", exp(v), log(v),
               log10(v), pow(v, 0.5), sin(v), cos(v), tan(v));
        printf("  atan=%a atan2=%a cbrt=%a expm1=%a log1p=%a fmod=%a hypot=%a\n", atan(v),
               atan2(v, -1.5), cbrt(v), expm1(v), log1p(v), fmod(v, 0.75), hypot(v, 3.0));
    }
    volatile double p = 0.1, q = 10.0, r = -1.0;
    volatile double prod = p * q;
    printf("fma(0.1,10,-1)=%a naive=%a\n", fma(p, q, r), prod + r);
    int e;
    double m = frexp(p, &e);
    printf("frexp=%a %d ldexp=%a nextafter=%a %a\n", m, e, ldexp(p, 1000),
           nextafter(p, 1.0), nextafter(0.0, -1.0));
    printf("lrint(2.5)=%ld lround(2.5)=%ld llround(-3.5)=%lld\n", lrint(2.5 * q / 10),
           lround(2.5 * q / 10), llround(-3.5 * q / 10));
    printf("pow(-8,1/3)=%f pow(0,-1)=%f pow(-2,3)=%f pow(2,1024)=%f pow(2,-1075)=%a\n",
           pow(-8 * q / 10, 1.0 / 3), pow(0 * q, -1), pow(-2 * q / 10, 3), pow(2 * q / 10, 1024),
           pow(2 * q / 10, -1075));
    printf("sinf=%a expf=%a powf=%a sqrtf=%a\n", (double)sinf((float)p), (double)expf((float)q),
           (double)powf((float)q, 1.5f), (double)sqrtf((float)q));
}

int main(void)
{
    test_ints();
    test_doubles();
    test_snprintf();
    test_strtod();
    test_libm();
    return 0;
}
