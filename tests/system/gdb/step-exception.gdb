set pagination off
set confirm off
break rt_el0_exit
continue
stepi
p/x $pc
p/x $cpsr
info registers ESR_EL1 ELR_EL1 SPSR_EL1
stepi
p/x $pc
delete
continue
