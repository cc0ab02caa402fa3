# Kill at a breakpoint after a few steps.
set pagination off
set confirm off
break add_up
continue
stepi
stepi
p $pc
kill
