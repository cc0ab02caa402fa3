# (name, cpu_max, asm) -- each snippet ends with an implicit "brk #0".
S = []
def add(name, asm, mx=False):
    S.append((name, mx, asm))

# ---- integer single registers ----
add("int_uimm_loads", """
ldrb w10, [x0, #1]
ldrsb w11, [x0, #1]
ldrsb x12, [x0, #1]
ldrsb w13, [x0, #2]
ldrh w14, [x0, #4]
ldrsh w15, [x0, #6]
ldrsh x16, [x0, #10]
ldrsh x17, [x0, #12]
ldr w18, [x0, #12]
ldrsw x19, [x0, #16]
ldrsw x20, [x0, #20]
ldr x21, [x0, #24]
ldr x22, [x0, #32760]
ldrb w23, [x0, #4095]
ldrh w24, [x0, #8190]
ldr w25, [x0, #16380]
ldr x26, [sp, #8]
ldrb w27, [sp]
prfm pldl1keep, [x0, #8]
prfm pstl3strm, [x0, #32760]
prfm #0x1f, [x1]
""")
add("int_uimm_signs", """
ldrsb x10, [x0, #0]
ldrsb x11, [x0, #3]
ldrsb w12, [x0, #5]
ldrsh x13, [x0, #2]
ldrsh w14, [x0, #8]
ldrsw x15, [x0, #4]
ldrsw x16, [x0, #8]
ldrsw x17, [x0, #28]
ldrh w18, [x0, #30]
ldr w19, [x0, #36]
ldr x20, [x1, #0]
ldr w21, [x1, #4]
ldrh w22, [x1, #2]
""")
add("int_uimm_stores", """
strb w2, [x8, #1]
strb w5, [x8, #3]
strh w2, [x8, #4]
strh w5, [x8, #10]
str w2, [x8, #12]
str w5, [x8, #20]
str x2, [x8, #24]
str x5, [x8, #32760]
strb wzr, [x8, #40]
str xzr, [x8, #48]
strh w2, [x8, #8190]
str w5, [x8, #16380]
str x2, [sp, #16]
str x5, [x1, #0]
""")
add("int_unscaled", """
ldur x10, [x0, #-256]
ldur x11, [x0, #255]
ldursb w12, [x0, #-3]
ldursb x13, [x0, #-5]
ldursh x14, [x0, #-1]
ldursh w15, [x0, #3]
ldursw x16, [x0, #7]
ldurb w17, [x0, #-7]
ldurh w18, [x0, #9]
ldur w19, [x0, #-11]
sturb w2, [x8, #-1]
sturh w5, [x8, #-5]
stur w2, [x8, #-9]
stur x5, [x8, #13]
stur x2, [x8, #255]
stur xzr, [x8, #-256]
prfum pldl1keep, [x0, #-5]
prfum pstl3strm, [x0, #7]
ldur x20, [sp, #-9]
""")
add("int_post", """
ldrb w10, [x0], #1
ldrsh x11, [x0], #-3
ldrsb w12, [x0], #255
ldr w13, [x0], #-256
ldrsw x14, [x0], #4
ldr x15, [x0], #8
ldrsb x16, [x0], #0
ldrh w17, [x0], #2
ldrsh w18, [x0], #2
ldrsw x19, [x0], #-1
""")
add("int_pre", """
ldrb w10, [x0, #1]!
ldrsh x11, [x0, #-3]!
ldrsb w12, [x0, #255]!
ldr w13, [x0, #-256]!
ldrsw x14, [x0, #4]!
ldr x15, [x0, #8]!
ldrsb x16, [x0, #0]!
ldrh w17, [x0, #2]!
ldrsh w18, [x0, #2]!
ldrsw x19, [x0, #-1]!
""")
add("int_store_wb", """
strb w2, [x8, #1]!
strh w2, [x8], #3
str w5, [x8, #-7]!
str x5, [x8], #16
str x2, [x8, #255]!
strh w5, [x8, #-256]!
strb w5, [x8], #-1
str x2, [sp, #-16]!
str w5, [sp], #4
""")
add("int_unpriv", """
ldtr x10, [x0, #5]
ldtrb w11, [x0, #-3]
ldtrsb w12, [x0, #1]
ldtrsb x13, [x0, #1]
ldtrh w14, [x0, #-2]
ldtrsh w15, [x0, #6]
ldtrsh x16, [x0, #6]
ldtr w17, [x0, #255]
ldtrsw x18, [x0, #-256]
ldtrsw x19, [x0, #8]
sttr x2, [x8, #-9]
sttrb w5, [x8, #3]
sttrh w2, [x8, #7]
sttr w5, [x8, #11]
""")
add("int_regoff_loads", """
ldr x10, [x0, x3, lsl #3]
ldr x11, [x0, x3]
ldr w12, [x0, w4, sxtw #2]
ldr w13, [x0, w4, sxtw]
ldrsb x14, [x0, x4, sxtx]
ldrh w15, [x0, w7, uxtw #1]
ldrsw x16, [x0, w7, uxtw]
ldrb w17, [x0, x3, lsl #0]
ldrsh w18, [x0, x4, sxtx #1]
ldrsh x19, [x0, x3, lsl #1]
ldrsb w20, [x0, w7, uxtw]
ldrsw x21, [x0, x4, sxtx #2]
ldr x22, [x0, w4, sxtw #3]
ldrh w23, [x0, x3]
ldr w24, [x0, x4, sxtx]
prfm pldl1keep, [x0, x3]
prfm pstl2strm, [x0, w4, sxtw #3]
ldr x25, [sp, x3, lsl #3]
""")
add("int_regoff_stores", """
str x2, [x8, x3, lsl #3]
strb w2, [x8, w4, sxtw]
strh w5, [x8, w7, uxtw #1]
str w5, [x8, x4, sxtx #2]
str x5, [x8, w7, uxtw]
strb w5, [x8, x3, lsl #0]
strh w2, [x8, x3]
str w2, [x8, w3, uxtw]
str xzr, [x8, x4, sxtx #3]
""")
add("int_regoff_unalloc", ".inst 0xf863080a")   # ldr x10, [x0, w3, option 000]
add("int_wb_overlap", """
mov x10, x0
.inst 0xf8408400
.inst 0xf8408d4a
mov x11, x8
.inst 0xf8008508
.inst 0xf81f8d6b
""")
add("int_wb_overlap_zero", """
add x10, x0, #0
.inst 0xf8400c00
.inst 0xf840054a
add x1, x8, #0
.inst 0xa9c00421
add x12, x8, #16
.inst 0xa8c02d8c
add x14, x8, #0
.inst 0xb8000dce
""")
add("int_unalloc_ldrsw_w", ".inst 0xb9c0000a")   # opc=11 size=10: unallocated
add("int_unalloc_ldtr_fp", ".inst 0xfc40080a")   # ldtr with V=1
add("int_unalloc_post_prfm", ".inst 0xf8808400")  # size=11 opc=10 post-index

# ---- literal ----
add("lit_loads", """
b 1f
neg: .quad 0xf1e2d3c4b5a69788
1:
ldr x10, lit1
ldr w11, lit1
ldrsw x12, lit2
ldrsw x13, lit1
ldr s14, lit1
ldr d15, lit2
ldr q16, lit3
ldr x17, neg
ldr q18, neg
prfm pldl1keep, lit1
b 2f
.balign 16
lit1: .quad 0x8877665544332211
lit2: .quad 0x0123456789abcdef
lit3: .quad 0xdeadbeefcafebabe, 0x0f1e2d3c4b5a6978
2:
""")

# ---- FP/SIMD single registers ----
add("fp_uimm", """
ldr b10, [x0, #1]
ldr h11, [x0, #2]
ldr s12, [x0, #4]
ldr d13, [x0, #8]
ldr q14, [x0, #16]
ldr q15, [x0, #65520 - 4096 - 16]
ldr d16, [x0, #32760]
ldr b17, [x0, #4095]
str b1, [x8, #1]
str h2, [x8, #4]
str s3, [x8, #8]
str d4, [x8, #16]
str q5, [x8, #32]
str q6, [sp, #48]
ldr q18, [x1]
str q7, [x1, #64]
""")
add("fp_unscaled", """
ldur b10, [x0, #-1]
ldur h11, [x0, #-3]
ldur s12, [x0, #5]
ldur d13, [x0, #-7]
ldur q14, [x0, #-17]
stur b1, [x8, #-1]
stur h2, [x8, #3]
stur s3, [x8, #-5]
stur d4, [x8, #7]
stur q5, [x8, #-255]
""")
add("fp_wb", """
ldr q10, [x0, #16]!
ldr d11, [x0], #-8
ldr b12, [x0, #1]!
ldr h13, [x0], #2
ldr s14, [x0, #-4]!
str q1, [x8], #32
str s2, [x8, #-4]!
str b3, [x8], #1
str h4, [x8, #2]!
str d5, [x8], #-255
""")
add("fp_regoff", """
ldr q10, [x0, x3, lsl #4]
ldr d11, [x0, x4, sxtx #3]
ldr s12, [x0, w7, uxtw #2]
ldr h13, [x0, w4, sxtw #1]
ldr b14, [x0, x3]
ldr q15, [x0, x4]
str q1, [x8, x3, lsl #4]
str b2, [x8, x3]
str h3, [x8, x4, sxtx #1]
str s4, [x8, w7, uxtw]
str d5, [x8, x3, lsl #3]
""")
add("fp_unalloc_q_size", ".inst 0x7dc0000a")   # ldr with size=01 opc=11 V=1

# ---- pairs ----
add("pair_loads", """
ldp w10, w11, [x0, #-256]
ldp x12, x13, [x0, #504]
ldpsw x14, x15, [x0, #-8]
ldpsw x16, x17, [x0, #4]
ldp s18, s19, [x0, #4]
ldp d20, d21, [x0, #-512]
ldp q22, q23, [x0, #1008]
ldnp x24, x25, [x0, #16]
ldnp q26, q27, [x0, #-32]
ldnp w26, w27, [x0, #-4]
ldnp s28, s29, [x0, #252]
ldnp d30, d31, [x0, #-8]
ldp x28, x29, [x1]
ldp x30, xzr, [sp, #-16]
""")
add("pair_stores", """
stp w2, w5, [x8, #-4]
stp x2, x5, [x8, #8]
stp s1, s2, [x8, #32]
stp d3, d4, [x8, #48]
stp q5, q6, [x8, #64]
stnp x5, x2, [x8, #-64]
stnp q7, q8, [x8, #128]
stnp w2, wzr, [x8, #252]
stnp s9, s10, [x8, #-256]
stnp d11, d12, [x8, #504]
stp xzr, x2, [x1]
stp x5, x2, [sp, #-32]
""")
add("pair_wb", """
ldp x10, x11, [x0, #16]!
ldp w12, w13, [x0], #-8
ldpsw x14, x15, [x0, #8]!
ldp q16, q17, [x0], #32
ldp s18, s19, [x0, #-256]!
ldp d20, d21, [x0], #504
stp x2, x5, [x8, #-16]!
stp q1, q2, [x8], #-32
stp w5, w2, [x8, #4]!
stp s3, s4, [x8], #252
stp d5, d6, [x8, #-512]!
stp x2, x5, [sp, #-16]!
ldp x22, x23, [sp], #16
""")
add("pair_overlap", """
mov x20, x0
.inst 0xa940280a
.inst 0x69402c0b
.inst 0x2940300c
.inst 0x6d40280a
.inst 0xad40340d
.inst 0xa8c12800
.inst 0xa9c10294
mov x21, x8
.inst 0xa8810ab5
""")
add("pair_unalloc_opc3", ".inst 0xe9400000")
add("pair_unalloc_ldnpsw", ".inst 0x6840280a")
add("pair_stgp", ".inst 0x69000000")

# ---- exclusives ----
for sz, r, suf in ((0, 'w', 'b'), (1, 'w', 'h'), (2, 'w', ''), (3, 'x', '')):
    add("excl_ok_%s%s" % (r, suf), """
ldxr{s} {r}10, [x0]
add {r}10, {r}10, #1
stxr{s} w11, {r}10, [x0]
ldr x12, [x0]
ldaxr{s} {r}13, [x8]
stlxr{s} w14, {r}5, [x8]
ldr x15, [x8]
ldaxr{s} {r}16, [sp]
stxr{s} w17, {r}2, [sp]
ldr x18, [sp]
""".format(s=suf, r=r))
add("excl_fail_nold", """
stxr w11, x2, [x0]
stxrb w12, w2, [x0, #0]
ldr x13, [x0]
""")
add("excl_fail_clrex", """
ldxr x10, [x0]
clrex
stxr w11, x2, [x0]
ldr x13, [x0]
""")
add("excl_fail_changed", """
ldxr x10, [x0]
str x5, [x0]
stxr w11, x2, [x0]
ldr x13, [x0]
ldxr w14, [x8]
strb w5, [x8, #3]
stlxr w15, w2, [x8]
ldr x16, [x8]
""")
add("excl_same_value_ok", """
ldxr x10, [x0]
str x10, [x0]
stxr w11, x2, [x0]
ldr x13, [x0]
""")
add("excl_fail_other_addr", """
ldxr x10, [x0]
stxr w11, x2, [x8]
stxr w12, x2, [x0]
ldr x13, [x0]
ldr x14, [x8]
""")
add("excl_fail_second", """
ldxr x10, [x0]
stxr w11, x2, [x0]
stxr w12, x5, [x0]
ldr x13, [x0]
""")
add("excl_pairs", """
ldxp x10, x11, [x0]
stxp w12, x2, x5, [x0]
ldp x13, x14, [x0]
ldxp w15, w16, [x8]
stxp w17, w5, w2, [x8]
ldr x18, [x8]
ldaxp x19, x20, [sp]
stlxp w21, x20, x19, [sp]
ldp x22, x23, [sp]
add x28, x0, #16
ldaxp w24, w25, [x28]
stlxp w26, w25, wzr, [x28]
ldr x27, [x0, #16]
""")
add("excl_pairs_fail", """
ldxp x10, x11, [x0]
str x5, [x0, #8]
stxp w12, x2, x2, [x0]
ldp x13, x14, [x0]
ldxp w15, w16, [x8]
strb w5, [x8, #7]
stxp w17, w5, w2, [x8]
ldr x18, [x8]
stxp w19, x2, x5, [sp]
""")
add("excl_overlap", """
.inst 0xc87f280a
.inst 0x887f2c0b
ldxr x12, [x0]
.inst 0xc80c7c0c
ldr x13, [x0]
""")
add("excl_stxr_misaligned_nomon", "stxr w10, x2, [x1]")
add("excl_ldxr_misaligned", "mov x10, #1\nldxr x11, [x1]")
add("excl_ldxrh_misaligned", "ldxrh w11, [x1]")
add("excl_ldxrb_any", "ldxrb w11, [x1]\nstxrb w12, w5, [x1]\nldr x13, [x1]")
add("excl_ldxp_align8", "add x12, x0, #8\nldxp x10, x11, [x12]")
add("excl_ldxpw_align4", "add x12, x0, #4\nldxp w10, w11, [x12]")
add("excl_tagged", """
movz x13, #0x5a00, lsl #48
orr x12, x0, x13
ldr x10, [x12, #8]
ldxr x11, [x12]
stxr w14, x2, [x0]
ldr x15, [x0]
ldxr x16, [x0]
stxr w17, x5, [x12]
ldr x18, [x12]
""")
add("excl_stxr_wild", """
ldxr x10, [x9]
stxr w11, x2, [x9]
ldxr x12, [x0]
mov x13, #-1
.inst 0xc80b7daa
""")  # last: stxr w11, x10, [x13]: no monitor match -> fails without access

# ---- load-acquire / store-release ----
add("ord_all", """
ldarb w10, [x0, #0]
ldarh w11, [x0]
ldar w12, [x0]
ldar x13, [x0]
ldarb w14, [x1]
stlrb w5, [x8]
add x20, x8, #8
stlrh w5, [x20]
add x21, x8, #16
stlr w5, [x21]
add x22, x8, #24
stlr x5, [x22]
stlrb w2, [x1]
ldar x15, [sp]
""")
add("ord_ldar_misaligned", "ldar x10, [x1]")
add("ord_ldarh_misaligned", "ldarh w10, [x1]")
add("ord_stlr_misaligned", "add x12, x8, #4\nstlr x5, [x12]")
add("ord_ldlar_a57", "ldlar x10, [x0]")
add("ord_ldlar_max", "ldlar x10, [x0]\nstllr x5, [x8]\nldlarb w11, [x0]\nstllrh w2, [x8, #0]", mx=True)
add("ord_ldapr_a57", "ldapr x10, [x0]")
add("ord_ldapr_max", """
ldapr x10, [x0]
ldapr w11, [x0]
ldaprh w12, [x0]
ldaprb w13, [x1]
""", mx=True)
add("ord_ldapur_max", """
ldapur x10, [x0, #-8]
ldapur w11, [x0, #4]
ldapurh w12, [x0, #-2]
ldapurb w13, [x0, #-1]
ldapursb w14, [x0, #1]
ldapursb x15, [x0, #1]
ldapursh w16, [x0, #2]
ldapursh x17, [x0, #2]
ldapursw x18, [x0, #4]
stlur x5, [x8, #-8]
stlur w2, [x8, #4]
stlurh w5, [x8, #10]
stlurb w2, [x8, #-1]
""", mx=True)
add("ord_ldapur_misaligned", "ldapur x10, [x0, #1]", mx=True)
add("ord_ldapur_a57", "ldapur x10, [x0, #8]")

# ---- LSE ----
add("lse_a57_undef", "ldadd x2, x10, [x0]")
add("lse_cas_a57_undef", "cas x10, x2, [x0]")
ops = ["add", "clr", "eor", "set", "smax", "smin", "umax", "umin"]
for op in ops:
    add("lse_ld%s" % op, """
ld{op}b w5, w10, [x0]
add x20, x0, #1
ld{op}ab w2, w11, [x20]
add x20, x0, #2
ld{op}lb w6, w12, [x20]
add x20, x0, #4
ld{op}h w5, w13, [x20]
add x20, x0, #6
ld{op}alh w2, w14, [x20]
add x20, x0, #8
ld{op}ah w6, w15, [x20]
add x20, x0, #12
ld{op} w5, w16, [x20]
add x20, x0, #16
ld{op}a w2, w17, [x20]
add x20, x0, #20
ld{op}al w6, w18, [x20]
add x20, x0, #24
ld{op} x5, x19, [x20]
add x20, x0, #32
ld{op}l x2, x21, [x20]
add x20, x0, #40
ld{op}al x6, x22, [x20]
add x20, x0, #48
st{op} x4, [x20]
st{op}b w4, [x20, #0]
add x20, x0, #56
st{op}lh w5, [x20]
add x20, x0, #60
st{op}l w2, [x20, #0]
ldp x23, x24, [x0]
ldp x25, x26, [x0, #16]
ldp x27, x28, [x0, #32]
ldp x29, x30, [x0, #48]
ldr x3, [x0, #64]
""".format(op=op), mx=True)
add("lse_swp", """
swp x5, x10, [x0]
swpab w2, w11, [x8]
swplh w5, w12, [x8, #0]
swpal w6, w13, [sp]
swp x2, xzr, [x8]
ldr x14, [x0]
ldr x15, [x8]
ldr x16, [sp]
""", mx=True)
add("lse_cas", """
ldr x10, [x0]
cas x10, x2, [x0]
mov x11, #1
casa x11, x5, [x0]
ldr x12, [x0]
ldrb w13, [x8]
casb w13, w5, [x8]
mov w14, #7
casalb w14, w2, [x8]
ldrh w15, [x8]
caslh w15, w2, [x8]
ldr w16, [sp]
casal w16, w5, [sp]
ldr x17, [x8]
ldr x18, [sp]
mov x19, #5
casah w19, w2, [sp]
cas xzr, x2, [x8]
ldr x20, [x8]
""", mx=True)
add("lse_casp", """
ldp x10, x11, [x0]
casp x10, x11, x2, x3, [x0]
ldp x12, x13, [x0]
mov x14, #1
mov x15, #2
caspal x14, x15, x4, x5, [x0]
ldp w16, w17, [x8]
caspa w16, w17, w2, w3, [x8]
ldr x18, [x8]
ldr x20, [sp]
mov x21, x20
caspl w20, w21, w4, w5, [sp]
mov x22, #0
mov x23, #0
casp x22, x23, x24, x25, [x0, #0]
""", mx=True)
add("lse_casp_odd", ".inst 0x48207c61", mx=True)  # casp with Rs=0, Rt=1 (odd)
add("lse_misaligned", "add x12, x0, #4\nldadd x2, x10, [x12]", mx=True)
add("lse_cas_misaligned", "cas w10, w2, [x1]", mx=True)
add("lse_casp_misaligned", "add x12, x0, #8\ncasp x10, x11, x2, x3, [x12]", mx=True)
add("lse_tagged", """
movz x13, #0x3c00, lsl #48
orr x12, x0, x13
ldadd x3, x10, [x12]
ldr x11, [x0]
""", mx=True)

# ---- Advanced SIMD structures ----
arr = ["8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d"]
for a in arr:
    add("simd_ld1_%s" % a, """
ld1 {{v10.{a}}}, [x0]
ld1 {{v11.{a}, v12.{a}}}, [x1]
ld1 {{v13.{a}, v14.{a}, v15.{a}}}, [x8]
ld1 {{v16.{a}, v17.{a}, v18.{a}, v19.{a}}}, [sp]
ld1 {{v31.{a}, v0.{a}}}, [x0]
""".format(a=a))
    add("simd_st1_%s" % a, """
st1 {{v1.{a}}}, [x8]
add x20, x8, #64
st1 {{v2.{a}, v3.{a}}}, [x20]
add x20, x8, #128
st1 {{v4.{a}, v5.{a}, v6.{a}}}, [x20]
add x20, x8, #256
st1 {{v30.{a}, v31.{a}, v0.{a}, v1.{a}}}, [x20]
st1 {{v7.{a}}}, [x1]
""".format(a=a))
    if a != "1d":
        add("simd_ldn_%s" % a, """
ld2 {{v10.{a}, v11.{a}}}, [x0]
ld3 {{v12.{a}, v13.{a}, v14.{a}}}, [x1]
ld4 {{v15.{a}, v16.{a}, v17.{a}, v18.{a}}}, [x8]
ld4 {{v30.{a}, v31.{a}, v0.{a}, v1.{a}}}, [sp]
""".format(a=a))
        add("simd_stn_%s" % a, """
st2 {{v1.{a}, v2.{a}}}, [x8]
add x20, x8, #64
st3 {{v3.{a}, v4.{a}, v5.{a}}}, [x20]
add x20, x8, #128
st4 {{v6.{a}, v7.{a}, v8.{a}, v9.{a}}}, [x20]
add x20, x8, #256
st4 {{v30.{a}, v31.{a}, v0.{a}, v1.{a}}}, [x20]
st2 {{v29.{a}, v30.{a}}}, [x1]
""".format(a=a))
add("simd_post", """
ld1 {v10.16b}, [x0], #16
ld2 {v11.8h, v12.8h}, [x0], x3
ld3 {v13.2s, v14.2s, v15.2s}, [x0], #24
ld4 {v16.4s, v17.4s, v18.4s, v19.4s}, [x0], x4
ld1 {v20.1d, v21.1d, v22.1d, v23.1d}, [x0], #32
ld1 {v24.2d, v25.2d, v26.2d}, [x0], #48
st1 {v1.8b, v2.8b}, [x8], #16
st4 {v3.8b, v4.8b, v5.8b, v6.8b}, [x8], x3
st2 {v7.2d, v8.2d}, [x8], #32
st3 {v9.16b, v10.16b, v11.16b}, [x8], #48
st1 {v12.4h, v13.4h, v14.4h, v15.4h}, [x8], x4
ld1 {v27.16b}, [sp], #16
""")
add("simd_unalloc_ld2_1d", ".inst 0x0c408c0a")   # ld2 {.1d}: size=11 Q=0 opcode 1000
add("simd_unalloc_opcode", ".inst 0x4c40100a")   # opcode 0001
add("simd_lane_ld", """
ld1 {v10.b}[15], [x0]
ld1 {v11.b}[0], [x1]
ld1 {v12.h}[3], [x0]
ld1 {v13.h}[7], [x1]
ld1 {v14.s}[1], [x0]
ld1 {v15.s}[3], [x1]
ld1 {v16.d}[1], [x0]
ld1 {v17.d}[0], [x1]
ld2 {v18.b, v19.b}[7], [x0]
ld2 {v20.h, v21.h}[4], [x1]
ld2 {v22.s, v23.s}[2], [x8]
ld2 {v24.d, v25.d}[1], [sp]
ld3 {v26.b, v27.b, v28.b}[9], [x0]
ld3 {v29.h, v30.h, v31.h}[5], [x1]
ld3 {v0.s, v1.s, v2.s}[3], [x8]
ld3 {v3.d, v4.d, v5.d}[0], [x0]
""")
add("simd_lane_ld4", """
ld4 {v10.b, v11.b, v12.b, v13.b}[13], [x0]
ld4 {v14.h, v15.h, v16.h, v17.h}[6], [x1]
ld4 {v18.s, v19.s, v20.s, v21.s}[0], [x8]
ld4 {v30.d, v31.d, v0.d, v1.d}[1], [sp]
""")
add("simd_lane_st", """
st1 {v10.b}[15], [x8]
st1 {v11.h}[3], [x1]
add x20, x8, #16
st1 {v12.s}[2], [x20]
add x20, x8, #32
st1 {v13.d}[1], [x20]
add x20, x8, #48
st2 {v14.b, v15.b}[7], [x20]
add x20, x8, #64
st2 {v16.h, v17.h}[4], [x20]
add x20, x8, #80
st2 {v18.s, v19.s}[1], [x20]
add x20, x8, #96
st2 {v20.d, v21.d}[0], [x20]
add x20, x8, #128
st3 {v22.b, v23.b, v24.b}[11], [x20]
add x20, x8, #144
st3 {v25.h, v26.h, v27.h}[2], [x20]
add x20, x8, #160
st3 {v28.s, v29.s, v30.s}[3], [x20]
add x20, x8, #192
st3 {v31.d, v0.d, v1.d}[1], [x20]
add x20, x8, #256
st4 {v2.b, v3.b, v4.b, v5.b}[1], [x20]
add x20, x8, #272
st4 {v6.h, v7.h, v8.h, v9.h}[7], [x20]
add x20, x8, #304
st4 {v10.s, v11.s, v12.s, v13.s}[2], [x20]
add x20, x8, #352
st4 {v14.d, v15.d, v16.d, v17.d}[1], [x20]
""")
add("simd_lane_post", """
ld1 {v10.b}[3], [x0], #1
ld2 {v11.h, v12.h}[1], [x0], x3
ld3 {v13.s, v14.s, v15.s}[1], [x0], #12
ld4 {v16.d, v17.d, v18.d, v19.d}[0], [x0], #32
st1 {v1.d}[1], [x8], #8
st2 {v2.b, v3.b}[9], [x8], x4
st3 {v4.h, v5.h, v6.h}[6], [x8], #6
st4 {v7.s, v8.s, v9.s, v10.s}[3], [x8], #16
ld1r {v20.4s}, [x0], #4
ld2r {v21.8b, v22.8b}, [x0], x3
ld3r {v23.1d, v24.1d, v25.1d}, [x0], #24
ld4r {v26.8h, v27.8h, v28.8h, v29.8h}, [x0], #8
""")
for a in arr:
    add("simd_ldr_%s" % a, """
ld1r {{v10.{a}}}, [x0]
ld2r {{v11.{a}, v12.{a}}}, [x1]
ld3r {{v13.{a}, v14.{a}, v15.{a}}}, [x8]
ld4r {{v16.{a}, v17.{a}, v18.{a}, v19.{a}}}, [sp]
ld4r {{v30.{a}, v31.{a}, v0.{a}, v1.{a}}}, [x0]
""".format(a=a))
add("simd_unalloc_st1r", ".inst 0x0d00c00a")    # st1r does not exist (L=0 replicate)
add("simd_unalloc_lane_h_odd", ".inst 0x0d40440a")  # ld1 .h with size<0>=1
add("simd_unalloc_lane_d_s", ".inst 0x0d40940a")    # ld1 .d with S=1

# ---- faults: precise state ----
add("fault_ldr", "mov x10, #1\nldr x11, [x9, #8]")
add("fault_ldr_pre", "ldr x11, [x9, #8]!")
add("fault_ldr_post", "ldr x9, [x9], #8\nldr x11, [x9], #8")
add("fault_ldp", "ldp x10, x11, [x9]")
add("fault_ldp_post", "ldp x10, x9, [x9], #16")
add("fault_ldp_q", "sub x12, x9, #8\nldp q10, q11, [x12]")
add("fault_ldr_q", "ldr q10, [x9]")
add("fault_stp", "stp x2, x5, [x9]")
add("fault_stp_pre", "stp x2, x5, [x9, #-8]!\nstp x2, x5, [x9, #8]!")
add("fault_str_q", "str q3, [x9]")
add("fault_ld1", "ld1 {v10.16b, v11.16b}, [x9]")
add("fault_ld4", "sub x12, x9, #48\nld4 {v10.16b, v11.16b, v12.16b, v13.16b}, [x12], #64")
add("fault_ld4r", "add x12, x9, #4\nld4r {v10.2s, v11.2s, v12.2s, v13.2s}, [x12], #16")
add("fault_ld3_lane", "add x12, x9, #4\nld3 {v10.s, v11.s, v12.s}[1], [x12], #12")
add("fault_st1", "st1 {v1.2d, v2.2d}, [x9], #32")
add("fault_ldxp", "add x12, x9, #8\nldxp x10, x11, [x12]")
add("fault_cas", "mov x10, #3\ncas x10, x2, [x9, #0]\nadd x12, x9, #8\ncas x10, x2, [x12]", mx=True)
add("fault_ldadd", "add x12, x9, #8\nldadd x2, x10, [x12]", mx=True)
add("fault_casp", "add x12, x9, #8\ncasp x10, x11, x2, x3, [x12]", mx=True)
add("fault_tagged_high", "movz x13, #0x0100, lsl #32\nldr x10, [x13]")
