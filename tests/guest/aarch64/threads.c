/*
 * Four threads run many distinct functions, so a small translation cache
 * (-tb-size 1) is flushed again and again while other threads run: the
 * flush must wait until every thread is out of translated code.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdatomic.h>
#include <string.h>
#include <stdlib.h>
static atomic_long total;
#define F(n) static long f##n(long x) { for (int i = 0; i < 50; i++) x = x * 6364136223846793005L + n; return x; }
#define F10(n) F(n##0) F(n##1) F(n##2) F(n##3) F(n##4) F(n##5) F(n##6) F(n##7) F(n##8) F(n##9)
#define F100(n) F10(n##0) F10(n##1) F10(n##2) F10(n##3) F10(n##4) F10(n##5) F10(n##6) F10(n##7) F10(n##8) F10(n##9)
#define P(n) f##n,
#define P10(n) P(n##0) P(n##1) P(n##2) P(n##3) P(n##4) P(n##5) P(n##6) P(n##7) P(n##8) P(n##9)
#define P100(n) P10(n##0) P10(n##1) P10(n##2) P10(n##3) P10(n##4) P10(n##5) P10(n##6) P10(n##7) P10(n##8) P10(n##9)
F100(1) F100(2) F100(3) F100(4) F100(5) F100(6)
static long (*fs[])(long) = { P100(1) P100(2) P100(3) P100(4) P100(5) P100(6) };
static void *work(void *arg) {
    long id = (long)arg, acc = id;
    for (int r = 0; r < 20000; r++) { acc ^= fs[(r + id) % 600](acc); char buf[64]; snprintf(buf, sizeof buf, "%ld", acc); acc += strlen(buf); }
    atomic_fetch_add(&total, acc & 0xffff);
    return NULL;
}
int main(void) {
    pthread_t t[4];
    for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, work, (void *)i);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    printf("total %ld\n", (long)total);
    return 0;
}
