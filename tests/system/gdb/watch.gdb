# Watchpoints on the bare-metal program (gdb-target.c): a write watchpoint
# stops twice with the old and new value at the line after the store, a
# read and an access watchpoint stop where gdb_counter is read, and with
# them deleted the program runs to its end.
set pagination off
set confirm off
break main
continue
watch gdb_counter
continue
bt 1
continue
delete
rwatch gdb_counter
continue
delete
awatch gdb_counter
continue
continue
delete
continue
