set pagination off
set confirm off
break gdb_add
continue
info threads
thread 2
p $pc != 0
thread 1
stepi
info threads
delete
continue
