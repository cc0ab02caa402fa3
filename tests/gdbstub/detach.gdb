# Detach at a breakpoint: the program runs on to its normal end.
set pagination off
set confirm off
break add_up
continue
info registers pc
detach
