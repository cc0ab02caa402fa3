/* BEGIN STATE (shared with the qemu oracle) */
#define CODE_ADDR 0x1ffe0000ull      /* 64 KiB of code */
#define DATA_ADDR 0x1fff0000ull      /* 64 KiB of data, ending at 1 << 29 */
#define DATA_SIZE 0x10000u
#define TOP_ADDR 0x20000000ull       /* first unmapped byte */

static uint8_t init_byte(unsigned i)
{
    return (uint8_t)(i * 0x9d + 0x35 + (i >> 8) * 0x3b);
}

static uint64_t init_xreg(int i)
{
    switch (i) {
    case 0: return DATA_ADDR + 0x1000;
    case 1: return DATA_ADDR + 0x2003;
    case 2: return 0x0123456789abcdefull;
    case 3: return 5;
    case 4: return (uint64_t)-3;
    case 5: return 0xfedcba9876543210ull;
    case 6: return 0x80000001ull;
    case 7: return 0xffffffff00000010ull;
    case 8: return DATA_ADDR + 0x3000;
    case 9: return TOP_ADDR - 8;
    case 31: return DATA_ADDR + 0x8000;   /* sp */
    default: return 0x1111111111111111ull * (i & 15) ^ ((uint64_t)i << 56) ^ 0x8000ull;
    }
}

static void init_vreg(int i, uint64_t *lo, uint64_t *hi)
{
    *lo = 0x0706050403020100ull + 0x1010101010101010ull * (i & 15) + ((uint64_t)i << 60);
    *hi = ~*lo ^ ((uint64_t)i << 8);
}
/* END STATE */
