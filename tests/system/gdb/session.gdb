set pagination off
set confirm off
break gdb_add
continue
info registers pc x0 x1
p/x $cpsr
info registers SCTLR VBAR ESR_EL1 TCR_EL1
p gdb_counter
stepi
p $pc == gdb_add + 4
next
p sum
delete
continue
