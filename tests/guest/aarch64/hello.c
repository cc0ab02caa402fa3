/* Owns: the smallest guest test, printf of one line through static glibc. */
#include <stdio.h>

int main(void)
{
    printf("hello, world\n");
    return 0;
}
