# The main gdb session of gdb-compare.py, run against qemu-aarch64 and
# mimic: breakpoints, registers (core and vector), steps, memory reads and
# writes, a register write, threads, a signal stop passed on, and the
# program's exit.
set pagination off
set confirm off
break add_up
continue
info registers
p $v0
info registers v0
p $fpsr
stepi
stepi
stepi
x/3i $pc
next
next
x/8xw &table
set var counter = 7
p counter
set var table[2] = 33
x/4xw &table
set $x0 = 0x1234
p/x $x0
p $x0 + 1
finish
break twice
continue
stepi 8
p $pc
continue
stepi 8
p $pc
delete 2
break in_thread
continue
info threads
thread 1
thread 2
bt 1
stepi 6
x/2i $pc
stepi
x/i $pc
continue
continue
