# Watchpoints (gdb-watch.c): a write watchpoint stops with the old and new
# value at the line after the store, twice; a read and an access
# watchpoint; one hit by the second thread; then all deleted and the
# program runs to its end.
set pagination off
set confirm off
break main
continue
watch watched_value
continue
bt 1
continue
rwatch watched_value
continue
delete 2
continue
delete 3
awatch from_thread
continue
info threads
delete
continue
