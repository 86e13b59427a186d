using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace CharLstmLab.Model;

/// <summary>
/// The few numeric kernels the model is written in. Every matrix is row-major.
/// Each output element of <see cref="MatMul"/> is one fused multiply-add chain over the inner
/// index in increasing order, whatever the blocking or the thread count, so results are
/// bit-identical with 1 or many threads.
/// </summary>
public static unsafe class Kernels
{
    const int Rows = 4;         // microkernel height
    const int KBlock = 256;     // inner-dimension block that keeps a panel of B in cache
    const long ParallelWork = 1 << 18; // multiply-adds below which threads cost more than they give

    /// <summary>Threads the kernels may use; 1 runs everything on the caller's thread.</summary>
    public static int Threads { get; set; } = Environment.ProcessorCount;

    /// <summary>C[m x n] = (accumulate ? C : 0) + A[m x k] * B[k x n].</summary>
    public static void MatMul(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        if (a.Length < m * k || b.Length < k * n || c.Length < m * n) throw new ArgumentException("Matrix buffers are smaller than their shapes.");
        if (m == 0 || n == 0) return;
        if (k == 0) { if (!accumulate) c[..(m * n)].Clear(); return; }
        fixed (float* pa = a, pb = b, pc = c)
        {
            int blocks = (m + Rows - 1) / Rows;
            int threads = Math.Min(Threads, blocks);
            if (threads <= 1 || (long)m * k * n < ParallelWork)
            {
                MatMulRows(pa, pb, pc, 0, m, k, n, accumulate);
                return;
            }
            nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
            int perThread = (blocks + threads - 1) / threads * Rows;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                int r0 = t * perThread, r1 = Math.Min(m, r0 + perThread);
                if (r0 < r1) MatMulRows((float*)ia, (float*)ib, (float*)ic, r0, r1, k, n, accumulate);
            });
        }
    }

    static void MatMulRows(float* a, float* b, float* c, int r0, int r1, int k, int n, bool accumulate)
    {
        for (int p0 = 0; p0 < k; p0 += KBlock)
        {
            int p1 = Math.Min(k, p0 + KBlock);
            bool acc = accumulate || p0 > 0;
            int i = r0;
            for (; i + Rows <= r1; i += Rows) Block4(a, b, c, i, p0, p1, k, n, acc);
            for (; i < r1; i++) Block1(a, b, c, i, p0, p1, k, n, acc);
        }
    }

    // Four rows of C, sixteen columns at a time: eight accumulators stay in registers.
    static void Block4(float* a, float* b, float* c, int i, int p0, int p1, int k, int n, bool acc)
    {
        float* a0 = a + (long)i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        float* c0 = c + (long)i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        int j = 0;
        for (; j + 16 <= n; j += 16)
        {
            Vector256<float> x00, x01, x10, x11, x20, x21, x30, x31;
            if (acc)
            {
                x00 = Vector256.Load(c0 + j); x01 = Vector256.Load(c0 + j + 8);
                x10 = Vector256.Load(c1 + j); x11 = Vector256.Load(c1 + j + 8);
                x20 = Vector256.Load(c2 + j); x21 = Vector256.Load(c2 + j + 8);
                x30 = Vector256.Load(c3 + j); x31 = Vector256.Load(c3 + j + 8);
            }
            else x00 = x01 = x10 = x11 = x20 = x21 = x30 = x31 = Vector256<float>.Zero;
            float* bp = b + (long)p0 * n + j;
            for (int p = p0; p < p1; p++, bp += n)
            {
                var b0 = Vector256.Load(bp);
                var b1 = Vector256.Load(bp + 8);
                var s = Vector256.Create(a0[p]);
                x00 = Vector256.FusedMultiplyAdd(s, b0, x00); x01 = Vector256.FusedMultiplyAdd(s, b1, x01);
                s = Vector256.Create(a1[p]);
                x10 = Vector256.FusedMultiplyAdd(s, b0, x10); x11 = Vector256.FusedMultiplyAdd(s, b1, x11);
                s = Vector256.Create(a2[p]);
                x20 = Vector256.FusedMultiplyAdd(s, b0, x20); x21 = Vector256.FusedMultiplyAdd(s, b1, x21);
                s = Vector256.Create(a3[p]);
                x30 = Vector256.FusedMultiplyAdd(s, b0, x30); x31 = Vector256.FusedMultiplyAdd(s, b1, x31);
            }
            x00.Store(c0 + j); x01.Store(c0 + j + 8);
            x10.Store(c1 + j); x11.Store(c1 + j + 8);
            x20.Store(c2 + j); x21.Store(c2 + j + 8);
            x30.Store(c3 + j); x31.Store(c3 + j + 8);
        }
        for (; j < n; j++)
        {
            Column(a0, b, c0 + j, j, p0, p1, n, acc);
            Column(a1, b, c1 + j, j, p0, p1, n, acc);
            Column(a2, b, c2 + j, j, p0, p1, n, acc);
            Column(a3, b, c3 + j, j, p0, p1, n, acc);
        }
    }

    // One row of C (the batch-1 sampling step is this loop: a matrix-vector product).
    static void Block1(float* a, float* b, float* c, int i, int p0, int p1, int k, int n, bool acc)
    {
        float* ar = a + (long)i * k, cr = c + (long)i * n;
        int j = 0;
        for (; j + 32 <= n; j += 32)
        {
            Vector256<float> x0, x1, x2, x3;
            if (acc) { x0 = Vector256.Load(cr + j); x1 = Vector256.Load(cr + j + 8); x2 = Vector256.Load(cr + j + 16); x3 = Vector256.Load(cr + j + 24); }
            else x0 = x1 = x2 = x3 = Vector256<float>.Zero;
            float* bp = b + (long)p0 * n + j;
            for (int p = p0; p < p1; p++, bp += n)
            {
                var s = Vector256.Create(ar[p]);
                x0 = Vector256.FusedMultiplyAdd(s, Vector256.Load(bp), x0);
                x1 = Vector256.FusedMultiplyAdd(s, Vector256.Load(bp + 8), x1);
                x2 = Vector256.FusedMultiplyAdd(s, Vector256.Load(bp + 16), x2);
                x3 = Vector256.FusedMultiplyAdd(s, Vector256.Load(bp + 24), x3);
            }
            x0.Store(cr + j); x1.Store(cr + j + 8); x2.Store(cr + j + 16); x3.Store(cr + j + 24);
        }
        for (; j + 8 <= n; j += 8)
        {
            var x = acc ? Vector256.Load(cr + j) : Vector256<float>.Zero;
            float* bp = b + (long)p0 * n + j;
            for (int p = p0; p < p1; p++, bp += n) x = Vector256.FusedMultiplyAdd(Vector256.Create(ar[p]), Vector256.Load(bp), x);
            x.Store(cr + j);
        }
        for (; j < n; j++) Column(ar, b, cr + j, j, p0, p1, n, acc);
    }

    static void Column(float* ar, float* b, float* cij, int j, int p0, int p1, int n, bool acc)
    {
        float s = acc ? *cij : 0f;
        for (int p = p0; p < p1; p++) s = MathF.FusedMultiplyAdd(ar[p], b[(long)p * n + j], s);
        *cij = s;
    }

    /// <summary>dst[cols x rows] = src[rows x cols] transposed.</summary>
    public static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int rows, int cols)
    {
        const int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile)
            for (int c0 = 0; c0 < cols; c0 += tile)
            {
                int r1 = Math.Min(rows, r0 + tile), c1 = Math.Min(cols, c0 + tile);
                for (int r = r0; r < r1; r++)
                    for (int c = c0; c < c1; c++)
                        dst[c * rows + r] = src[r * cols + c];
            }
    }

    /// <summary>Every row of x[rows x n] set to the vector v.</summary>
    public static void Broadcast(ReadOnlySpan<float> v, Span<float> x, int rows)
    {
        int n = v.Length;
        for (int r = 0; r < rows; r++) v.CopyTo(x.Slice(r * n, n));
    }

    /// <summary>sum[n] += the column sums of x[rows x n], adding rows in order.</summary>
    public static void AddColumnSums(ReadOnlySpan<float> x, Span<float> sum, int rows)
    {
        int n = sum.Length;
        for (int r = 0; r < rows; r++) TensorPrimitives.Add(sum, x.Slice(r * n, n), sum);
    }
}
