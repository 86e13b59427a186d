using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CharLstmLab.Compute;

/// <summary>
/// The few numeric kernels the model is written in (this file: the matrix products; the batch-1
/// product over packed panels, the packing and the vector helpers are in the other Kernels files). Every matrix is row-major.
/// <para>
/// The invariant: each output element of every matrix product is one fused multiply-add chain
/// over the inner index in increasing order, starting from C (accumulate) or 0, whatever the
/// blocking, the operand layout or the thread count. Blocking only decides when a partial
/// chain is parked in C and picked up again (exact), and threads only split rows or columns of C,
/// so results are bit-identical with 1 or many threads, and a batch-1 step gives exactly the
/// numbers of the same row in a batch.
/// </para>
/// <para>
/// The hot methods here and in the cell, softmax, window pass, team, parameter passes and samplers
/// are marked AggressiveOptimization: they are compiled fully optimized on first call. Under the
/// default tiered JIT they would start as quick unoptimized code and a short run (a notebook
/// cell, a short benchmark) ends before they are promoted (README, "Speed").
/// </para>
/// </summary>
public static unsafe partial class Kernels
{
    // Register tile: 4 rows x 64 columns of C = 16 Vector512 accumulators, plus 4 vectors of B
    // and a broadcast of A (21 of the 32 zmm registers). Per inner step: 8 loads, 16 FMAs.
    // (An 8 x 32 tile was measured too: no faster alone, slower in training.)
    const int MR = 4, NR = 64;
    const int KC = 256;   // inner block: a KC x NR panel of B (64 KB) stays in L1/L2 across row tiles
    const long ParallelWork = 1 << 18; // multiply-adds below which threads cost more than they give

    /// <summary>
    /// C[m x n] = (accumulate ? C : 0) + A[m x k] * B[k x n], split over <paramref name="compute"/>'s
    /// threads when it is large enough (on the caller's thread alone without a context).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MatMul(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate,
        ComputeContext? compute = null)
    {
        Check(a, m * k, b, k * n, c, m * n);
        fixed (float* pa = a, pb = b, pc = c) Split(new(pa, k, 1, pb, n, false, pc, n, m, k, n, accumulate), compute);
    }

    /// <summary>
    /// C[m x n] = (accumulate ? C : 0) + A * B[k x n] where A is given transposed, as aT[k x m]
    /// (weight gradients: X^T * dY with X stored row per example). No transpose is made: the
    /// A block is packed tile by tile from aT's contiguous rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MatMulTransA(ReadOnlySpan<float> aT, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate,
        ComputeContext? compute = null)
    {
        Check(aT, k * m, b, k * n, c, m * n);
        fixed (float* pa = aT, pb = b, pc = c) Split(new(pa, 1, m, pb, n, false, pc, n, m, k, n, accumulate), compute);
    }

    /// <summary>
    /// C[m x n] = (accumulate ? C : 0) + A[m x k] * B where B is given transposed, as bT[n x k]
    /// (input gradients: dY * W^T with W stored [in x out]). B is packed from bT once per call
    /// (<see cref="PackTransposed"/>, into a buffer each calling thread keeps), so W^T is never made.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MatMulTransB(ReadOnlySpan<float> a, ReadOnlySpan<float> bT, Span<float> c, int m, int k, int n, bool accumulate,
        ComputeContext? compute = null)
    {
        Check(a, m * k, bT, n * k, c, m * n);
        if (m == 0 || n == 0) return;
        int length = PackedLength(k, n);
        if (transBPanels is null || transBPanels.Length < length) transBPanels = new AlignedFloats(length);
        var panels = transBPanels.Span;
        PackTransposed(bT, k, panels, k, n, compute);
        fixed (float* pa = a, pb = panels, pc = c) Split(new(pa, k, 1, pb, NR, true, pc, n, m, k, n, accumulate), compute);
    }

    [ThreadStatic] static AlignedFloats? transBPanels; // grown to the largest B^T the thread has multiplied by, then reused

    /// <summary>
    /// C[m x n] (+)= A[m x k] * B on the caller's thread, for callers that split work across threads
    /// themselves: A with row stride lda and C with row stride ldc (each span starting at the block's
    /// first element), B already in panels by <see cref="Pack"/>, starting at the block's first
    /// column (<see cref="PanelStart"/>). The product a recurrence repeats every step with one B.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MatMulPacked(ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> packedB, Span<float> c, int ldc,
        int m, int k, int n, bool accumulate)
    {
        if (m == 0 || n == 0) return;
        Check(a, (m - 1) * lda + k, packedB, PackedLength(k, n), c, (m - 1) * ldc + n);
        fixed (float* pa = a, pb = packedB, pc = c) Gemm(new(pa, lda, 1, pb, NR, true, pc, ldc, m, k, n, accumulate));
    }

    static void Check(ReadOnlySpan<float> a, int aLen, ReadOnlySpan<float> b, int bLen, ReadOnlySpan<float> c, int cLen)
    {
        if (a.Length < aLen || b.Length < bLen || c.Length < cLen) throw new ArgumentException("Matrix buffers are smaller than their shapes.");
    }

    /// <summary>
    /// One product. A element (i, p) at a[i * aRow + p * aCol]; B and C row-major with strides ldb, ldc,
    /// or B packed: in panels of NR columns (panel j / NR at b + (j / NR) * K * NR, its row p at + p * NR).
    /// </summary>
    readonly struct Product(float* a, long aRow, long aCol, float* b, long ldb, bool packed, float* c, long ldc,
        int m, int k, int n, bool accumulate)
    {
        public readonly float* A = a, B = b, C = c;
        public readonly long ARow = aRow, ACol = aCol, Ldb = ldb, Ldc = ldc;
        public readonly bool Packed = packed, Accumulate = accumulate;
        public readonly int M = m, K = k, N = n;
        public Product Rows(int r0, int r1) =>
            new(A + r0 * ARow, ARow, ACol, B, Ldb, Packed, C + r0 * Ldc, Ldc, r1 - r0, K, N, Accumulate);
        // c0 is a multiple of NR: a packed B starts at a panel.
        public Product Columns(int c0, int c1) =>
            new(A, ARow, ACol, Packed ? B + (long)c0 * K : B + c0, Ldb, Packed, C + c0, Ldc, M, K, c1 - c0, Accumulate);
    }

    // Threads take whole row tiles of C (or column panels when C is too short to share by rows).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Split(Product p, ComputeContext? compute)
    {
        if (p.M == 0 || p.N == 0) return;
        Share(new SplitProduct(p), compute, (long)p.M * p.K * p.N >= ParallelWork);
    }

    readonly struct SplitProduct(Product p) : ITeamWork
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int thread, int threads)
        {
            if (threads == 1) { Gemm(p); return; }
            int rowTiles = (p.M + MR - 1) / MR, colPanels = (p.N + NR - 1) / NR;
            bool byRows = rowTiles >= 2 * threads || rowTiles >= colPanels;
            int units = byRows ? rowTiles : colPanels, size = byRows ? MR : NR, extent = byRows ? p.M : p.N;
            int per = (units + threads - 1) / threads * size, lo = thread * per, hi = Math.Min(extent, lo + per);
            if (lo < hi) Gemm(byRows ? p.Rows(lo, hi) : p.Columns(lo, hi));
        }
    }

    // Each thread's packing buffer: one KC x NR panel of B, then (A given transposed) its KC-deep block as tiles.
    [ThreadStatic] static AlignedFloats? packScratch;

    // Cache blocking around the register tile, in the BLIS loop order without its row blocks: for each
    // KC-deep block of the inner index, each NR-wide panel of B is packed once and met by every row
    // tile. The microkernel thus streams a contiguous panel instead of striding through rows kilobytes
    // apart, which map to the same few L1 sets; A given transposed is packed into MR-wide tiles, once
    // per block, for the same reason. Packing copies values, so every chain is the same as without it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Gemm(Product p)
    {
        if (p.K == 0)
        {
            if (!p.Accumulate) for (int i = 0; i < p.M; i++) new Span<float>(p.C + i * p.Ldc, p.N).Clear();
            return;
        }
        bool packTilesOfA = p.ARow == 1 && p.ACol != 1; // A given transposed: its tile rows are columns of aT
        int tiles = p.M / MR, need = KC * NR + (packTilesOfA ? tiles * MR * KC : 0);
        if (packScratch is null || packScratch.Length < need) packScratch = new AlignedFloats(need);
        float* edgeC = stackalloc float[MR * NR];
        fixed (float* packB = packScratch.Span)
        {
            float* packA = packB + KC * NR;
            for (int p0 = 0; p0 < p.K; p0 += KC)
            {
                int kc = Math.Min(KC, p.K - p0);
                bool acc = p.Accumulate || p0 > 0; // later k-blocks continue the chains parked in C
                float* a = p.A + p0 * p.ACol;
                if (packTilesOfA) PackTilesOfA(a, p.ACol, kc, tiles, packA);
                for (int j = 0; j < p.N; j += NR)
                {
                    int nr = Math.Min(NR, p.N - j);
                    float* panel;
                    if (p.Packed) panel = p.B + (long)j * p.K + p0 * NR;
                    else
                    {
                        PackPanel(p.B + p0 * p.Ldb + j, p.Ldb, 1, kc, nr, packB);
                        panel = packB;
                    }
                    for (int t = 0; t < tiles; t++)
                    {
                        int i = t * MR;
                        float* ci = p.C + i * p.Ldc + j;
                        float* ai = packTilesOfA ? packA + t * MR * kc : a + i * p.ARow;
                        long aRow = packTilesOfA ? 1 : p.ARow, aCol = packTilesOfA ? MR : p.ACol;
                        if (nr == NR) Tile4x64(ai, aRow, aCol, panel, NR, ci, p.Ldc, kc, acc);
                        else
                        {
                            for (int r = 0; r < MR; r++) CopyRow(ci + r * p.Ldc, edgeC + r * NR, nr, acc);
                            Tile4x64(ai, aRow, aCol, panel, NR, edgeC, NR, kc, acc);
                            for (int r = 0; r < MR; r++)
                                new ReadOnlySpan<float>(edgeC + r * NR, nr).CopyTo(new Span<float>(ci + r * p.Ldc, nr));
                        }
                    }
                    for (int i = tiles * MR; i < p.M; i++)
                    {
                        float* ai = a + i * p.ARow, ci = p.C + i * p.Ldc + j;
                        if (nr == NR)
                        {
                            Tile1x32(ai, p.ACol, panel, NR, ci, kc, acc);
                            Tile1x32(ai, p.ACol, panel + 32, NR, ci + 32, kc, acc);
                        }
                        else
                        {
                            CopyRow(ci, edgeC, nr, acc);
                            Tile1x32(ai, p.ACol, panel, NR, edgeC, kc, acc);
                            Tile1x32(ai, p.ACol, panel + 32, NR, edgeC + 32, kc, acc);
                            new ReadOnlySpan<float>(edgeC, nr).CopyTo(new Span<float>(ci, nr));
                        }
                    }
                }
            }
        }
    }

    // tiles x MR rows of A whose elements (r, q) sit at a[r + q * aCol] (aT's rows), as tiles of kc x MR.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void PackTilesOfA(float* a, long aCol, int kc, int tiles, float* to)
    {
        for (int q = 0; q < kc; q++)
        {
            float* from = a + q * aCol;
            for (int t = 0; t < tiles; t++) Vector128.Store(Vector128.Load(from + t * MR), to + (t * kc + q) * MR);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void CopyRow(float* from, float* to, int count, bool copy)
    {
        var dst = new Span<float>(to, NR);
        if (copy) { new ReadOnlySpan<float>(from, count).CopyTo(dst); dst[count..].Clear(); }
        else dst.Clear();
    }

    // The microkernel: C[4 x 64] (+)= A[4 x kc] * B[kc x 64], A element (r, q) at a[r * aRow + q * aCol].
    // (AggressiveOptimization on the hot loops: fully optimized from the first call, no tier-0 phase.)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Tile4x64(float* a, long aRow, long aCol, float* b, long ldb, float* c, long ldc, int kc, bool acc)
    {
        Vector512<float> c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33;
        float* c0 = c, c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        if (acc)
        {
            c00 = Vector512.Load(c0); c01 = Vector512.Load(c0 + 16); c02 = Vector512.Load(c0 + 32); c03 = Vector512.Load(c0 + 48);
            c10 = Vector512.Load(c1); c11 = Vector512.Load(c1 + 16); c12 = Vector512.Load(c1 + 32); c13 = Vector512.Load(c1 + 48);
            c20 = Vector512.Load(c2); c21 = Vector512.Load(c2 + 16); c22 = Vector512.Load(c2 + 32); c23 = Vector512.Load(c2 + 48);
            c30 = Vector512.Load(c3); c31 = Vector512.Load(c3 + 16); c32 = Vector512.Load(c3 + 32); c33 = Vector512.Load(c3 + 48);
        }
        else c00 = c01 = c02 = c03 = c10 = c11 = c12 = c13 = c20 = c21 = c22 = c23 = c30 = c31 = c32 = c33 = Vector512<float>.Zero;
        long r2 = 2 * aRow, r3 = 3 * aRow;
        for (int q = 0; q < kc; q++, a += aCol, b += ldb)
        {
            var b0 = Vector512.Load(b); var b1 = Vector512.Load(b + 16); var b2 = Vector512.Load(b + 32); var b3 = Vector512.Load(b + 48);
            var s = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(s, b0, c00); c01 = Vector512.FusedMultiplyAdd(s, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(s, b2, c02); c03 = Vector512.FusedMultiplyAdd(s, b3, c03);
            s = Vector512.Create(a[aRow]);
            c10 = Vector512.FusedMultiplyAdd(s, b0, c10); c11 = Vector512.FusedMultiplyAdd(s, b1, c11);
            c12 = Vector512.FusedMultiplyAdd(s, b2, c12); c13 = Vector512.FusedMultiplyAdd(s, b3, c13);
            s = Vector512.Create(a[r2]);
            c20 = Vector512.FusedMultiplyAdd(s, b0, c20); c21 = Vector512.FusedMultiplyAdd(s, b1, c21);
            c22 = Vector512.FusedMultiplyAdd(s, b2, c22); c23 = Vector512.FusedMultiplyAdd(s, b3, c23);
            s = Vector512.Create(a[r3]);
            c30 = Vector512.FusedMultiplyAdd(s, b0, c30); c31 = Vector512.FusedMultiplyAdd(s, b1, c31);
            c32 = Vector512.FusedMultiplyAdd(s, b2, c32); c33 = Vector512.FusedMultiplyAdd(s, b3, c33);
        }
        c00.Store(c0); c01.Store(c0 + 16); c02.Store(c0 + 32); c03.Store(c0 + 48);
        c10.Store(c1); c11.Store(c1 + 16); c12.Store(c1 + 32); c13.Store(c1 + 48);
        c20.Store(c2); c21.Store(c2 + 16); c22.Store(c2 + 32); c23.Store(c2 + 48);
        c30.Store(c3); c31.Store(c3 + 16); c32.Store(c3 + 32); c33.Store(c3 + 48);
    }

    // One row of C, 32 columns (called twice per 64-column panel): for row tails. Two chains per 16
    // lanes, so it runs latency-bound; the sampling step's batch-1 products use MatVecPacked instead.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Tile1x32(float* a, long aCol, float* b, long ldb, float* c, int kc, bool acc)
    {
        var x0 = acc ? Vector512.Load(c) : Vector512<float>.Zero;
        var x1 = acc ? Vector512.Load(c + 16) : Vector512<float>.Zero;
        for (int q = 0; q < kc; q++, a += aCol, b += ldb)
        {
            var s = Vector512.Create(*a);
            x0 = Vector512.FusedMultiplyAdd(s, Vector512.Load(b), x0);
            x1 = Vector512.FusedMultiplyAdd(s, Vector512.Load(b + 16), x1);
        }
        x0.Store(c); x1.Store(c + 16);
    }
}
