# Steps over a system call's SVC: the step ends right after the call, as
# under ptrace.  (qemu-aarch64 7.2 runs the next instruction too, so this
# session is checked against expected lines, not against qemu.)
set pagination off
set confirm off
break raw_getuid
continue
stepi
x/i $pc
stepi
x/i $pc
continue
continue
