/* Placeholder: filled by the FP/SIMD work. */
