/*
 * Group set-up for unit tests whose devices or timers fire on the main
 * loop: the loop runs for the whole group, as it does for the whole life
 * of the emulator, and tests that want guest time start the VM clock as
 * a booted machine would have it.
 */
#ifndef TESTS_UNIT_MAIN_LOOP_GROUP_H
#define TESTS_UNIT_MAIN_LOOP_GROUP_H

#include "softmmu/main-loop.h"
#include "softmmu/timer.h"

static inline int main_loop_group_setup(void **state)
{
    (void)state;
    main_loop_start();
    return 0;
}

/* For tests of guest time: the VM clock running, as after boot. */
static inline int main_loop_vm_group_setup(void **state)
{
    main_loop_group_setup(state);
    vm_clock_start();
    return 0;
}

static inline int main_loop_group_teardown(void **state)
{
    (void)state;
    main_loop_stop();
    return 0;
}

#endif
