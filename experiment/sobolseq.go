package experiment

import (
	"fmt"
	"math/bits"
)

// joeKuo holds the direction numbers of dimensions 2, 3, … of the Sobol'
// sequence, from Joe and Kuo's file new-joe-kuo-6.21201 (S. Joe and F. Y.
// Kuo, "Constructing Sobol sequences with better two-dimensional
// projections", SIAM J. Sci. Comput. 30 (2008) 2635–2654): for dimension
// d = 2+i, the coefficients a of its primitive polynomial of degree
// s = len(m) (the bits of the polynomial's inner coefficients, highest
// first) and the initial direction numbers m_1 … m_s. Dimension 1 is the
// van der Corput sequence.
var joeKuo = []struct {
	a uint32
	m []uint32
}{
	{0, []uint32{1}},
	{1, []uint32{1, 3}},
	{1, []uint32{1, 3, 1}},
	{2, []uint32{1, 1, 1}},
	{1, []uint32{1, 1, 3, 3}},
	{4, []uint32{1, 3, 5, 13}},
	{2, []uint32{1, 1, 5, 5, 17}},
	{4, []uint32{1, 1, 5, 5, 5}},
	{7, []uint32{1, 1, 7, 11, 19}},
	{11, []uint32{1, 1, 5, 1, 1}},
	{13, []uint32{1, 1, 1, 3, 11}},
	{14, []uint32{1, 3, 5, 5, 31}},
	{1, []uint32{1, 3, 3, 9, 7, 49}},
	{13, []uint32{1, 1, 1, 15, 21, 21}},
	{16, []uint32{1, 3, 1, 13, 27, 49}},
	{19, []uint32{1, 1, 1, 15, 7, 5}},
	{22, []uint32{1, 3, 1, 15, 13, 25}},
	{25, []uint32{1, 1, 5, 5, 19, 61}},
	{1, []uint32{1, 3, 7, 11, 23, 15, 103}},
	{4, []uint32{1, 3, 7, 13, 13, 15, 69}},
	{7, []uint32{1, 1, 3, 13, 7, 35, 63}},
	{8, []uint32{1, 3, 5, 9, 1, 25, 53}},
	{14, []uint32{1, 3, 1, 13, 9, 35, 107}},
	{19, []uint32{1, 3, 1, 5, 27, 61, 31}},
	{21, []uint32{1, 1, 5, 11, 19, 41, 61}},
	{28, []uint32{1, 3, 5, 3, 3, 13, 69}},
	{31, []uint32{1, 1, 7, 13, 1, 19, 1}},
	{32, []uint32{1, 3, 7, 5, 13, 19, 59}},
	{37, []uint32{1, 1, 3, 9, 25, 29, 41}},
	{41, []uint32{1, 3, 5, 13, 23, 1, 55}},
	{42, []uint32{1, 3, 7, 3, 13, 59, 17}},
	{50, []uint32{1, 3, 1, 3, 5, 53, 69}},
	{55, []uint32{1, 1, 5, 5, 23, 33, 13}},
	{56, []uint32{1, 1, 7, 7, 1, 61, 123}},
	{59, []uint32{1, 1, 7, 9, 13, 61, 49}},
	{62, []uint32{1, 3, 3, 5, 3, 55, 33}},
	{14, []uint32{1, 3, 1, 15, 31, 13, 49, 245}},
	{21, []uint32{1, 3, 5, 15, 31, 59, 63, 97}},
	{22, []uint32{1, 3, 1, 11, 11, 11, 77, 249}},
	{38, []uint32{1, 3, 1, 11, 27, 43, 71, 9}},
}

// MaxSobolDims is the most dimensions SobolSequence gives: the dimensions
// whose direction numbers this package holds. A Saltelli design over k
// parameters takes 2k of them, so it varies at most MaxSobolDims/2.
const MaxSobolDims = 41

// sobolBits is the precision of the sequence: points are multiples of
// 2⁻³², and at most 2³² of them are distinct.
const sobolBits = 32

// directions returns the 32 direction numbers v_1 … v_32 of dimension d
// (0-based: 0 is the van der Corput sequence), each scaled by 2³²:
// v_k = m_k·2^(32−k) for k ≤ s, and beyond, Bratley and Fox's recurrence
// v_k = v_{k−s} ⊕ (v_{k−s} >> s) ⊕ ⨁_{l=1}^{s−1} a_l·v_{k−l}, where a_l is
// bit s−1−l of a.
func directions(d int) [sobolBits]uint32 {
	var v [sobolBits]uint32
	if d == 0 {
		for k := range v {
			v[k] = 1 << (sobolBits - 1 - k)
		}
		return v
	}
	jk := joeKuo[d-1]
	s := len(jk.m)
	for k := range v {
		if k < s {
			v[k] = jk.m[k] << (sobolBits - 1 - k)
			continue
		}
		x := v[k-s] ^ (v[k-s] >> s)
		for l := 1; l < s; l++ {
			if (jk.a>>(s-1-l))&1 == 1 {
				x ^= v[k-l]
			}
		}
		v[k] = x
	}
	return v
}

// SobolSequence returns the first n points of the Sobol' sequence in
// [0, 1)^dim with Joe and Kuo's (2008) direction numbers, unscrambled, in
// Gray-code order (Antonov and Saleev 1979), starting with the point 0:
// x_0 = 0 and x_i = x_{i−1} ⊕ v_c, c the index of the lowest zero bit of
// i−1. These are the points of Joe and Kuo's own generator and of
// scipy.stats.qmc.Sobol(d, scramble=False): in three dimensions (0, 0, 0),
// (0.5, 0.5, 0.5), (0.75, 0.25, 0.25), (0.25, 0.75, 0.75), …. Every
// block of 2^m consecutive points from the start puts one point in each
// of the 2^m intervals [j/2^m, (j+1)/2^m) of every dimension. It panics
// if dim is not in [1, MaxSobolDims] or n is negative or above 2³².
func SobolSequence(n, dim int) [][]float64 {
	if dim < 1 || dim > MaxSobolDims {
		panic(fmt.Sprintf("experiment: Sobol' sequence of %d dimensions; 1 to %d are supported", dim, MaxSobolDims))
	}
	if n < 0 || uint64(n) > 1<<sobolBits {
		panic(fmt.Sprintf("experiment: %d points of a Sobol' sequence; at most 2^32", n))
	}
	v := make([][sobolBits]uint32, dim)
	for d := range v {
		v[d] = directions(d)
	}
	out := unitMatrix(n, dim)
	x := make([]uint32, dim)
	for i := range n {
		if i > 0 {
			c := bits.TrailingZeros64(^uint64(i - 1))
			for d := range x {
				x[d] ^= v[d][c]
			}
		}
		for d, xd := range x {
			out[i][d] = float64(xd) / (1 << sobolBits)
		}
	}
	return out
}
