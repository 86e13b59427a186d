using CharLstmLab.Compute;
using CharLstmLab.Model;

namespace CharLstmLab.Tests;

public class KernelTests
{
    // The oracle: the textbook triple loop in double precision.
    static double[] NaiveMatMul(float[] a, float[] b, float[] c0, int m, int k, int n, bool accumulate)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = accumulate ? c0[i * n + j] : 0;
                for (int p = 0; p < k; p++) s += (double)a[i * k + p] * b[p * n + j];
                c[i * n + j] = s;
            }
        return c;
    }

    static float[] Random(int length, Random rng) => Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();

    [Theory]
    [InlineData(1, 1, 1, false)]
    [InlineData(3, 7, 5, true)]
    [InlineData(4, 16, 16, false)]
    [InlineData(9, 300, 33, true)]   // row tail, k over one block, column tail
    [InlineData(64, 128, 165, false)]
    [InlineData(130, 520, 72, true)] // large enough to go parallel
    public void MatMul_matches_naive_reference(int m, int k, int n, bool accumulate)
    {
        var rng = new Random(m * 1000 + k * 10 + n);
        float[] a = Random(m * k, rng), b = Random(k * n, rng), c = Random(m * n, rng);
        var expected = NaiveMatMul(a, b, c, m, k, n, accumulate);
        Kernels.MatMul(a, b, c, m, k, n, accumulate);
        for (int i = 0; i < c.Length; i++)
            Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-5 * (1 + Math.Sqrt(k)), $"element {i}: {c[i]} vs {expected[i]}");
    }

    [Fact]
    public void MatMul_is_bit_identical_for_any_thread_count()
    {
        var rng = new Random(7);
        int m = 203, k = 300, n = 165;
        float[] a = Random(m * k, rng), b = Random(k * n, rng);
        var (one, two) = OnOneAndTwoThreads(m * n, (c, compute) => Kernels.MatMul(a, b, c, m, k, n, false, compute));
        Assert.Equal(one, two);
    }

    [Theory]
    [InlineData(1, 5, 3, false)]
    [InlineData(8, 300, 32, true)]
    [InlineData(13, 257, 165, false)] // row tail, two k-blocks, ragged columns
    [InlineData(128, 520, 72, true)]  // large enough to go parallel
    public void MatMulTransA_matches_naive_reference(int m, int k, int n, bool accumulate)
    {
        var rng = new Random(m + k + n);
        float[] aT = Random(k * m, rng), b = Random(k * n, rng), c = Random(m * n, rng);
        var a = new float[m * k];
        for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) a[i * k + p] = aT[p * m + i];
        var expected = NaiveMatMul(a, b, c, m, k, n, accumulate);
        Kernels.MatMulTransA(aT, b, c, m, k, n, accumulate);
        for (int i = 0; i < c.Length; i++)
            Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-5 * (1 + Math.Sqrt(k)), $"element {i}: {c[i]} vs {expected[i]}");
    }

    [Fact]
    public void MatMul_TransA_and_single_rows_compute_the_same_chains_bit_for_bit()
    {
        var rng = new Random(3);
        int m = 19, k = 300, n = 165;
        float[] a = Random(m * k, rng), b = Random(k * n, rng), c0 = Random(m * n, rng);
        var aT = new float[k * m];
        for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) aT[p * m + i] = a[i * k + p];
        float[] nn = (float[])c0.Clone(), tn = (float[])c0.Clone(), row = (float[])c0.Clone();
        Kernels.MatMul(a, b, nn, m, k, n, accumulate: true);
        Kernels.MatMulTransA(aT, b, tn, m, k, n, accumulate: true);
        Assert.Equal(nn, tn);
        for (int i = 0; i < m; i++) Kernels.MatMul(a.AsSpan(i * k, k), b, row.AsSpan(i * n, n), 1, k, n, accumulate: true);
        Assert.Equal(nn, row);
    }

    [Theory]
    [InlineData(7, 16, false)]     // one ragged panel
    [InlineData(300, 165, true)]   // a pair of panels and a ragged odd one
    [InlineData(512, 2048, true)]  // large enough to split over two threads
    [InlineData(130, 200, false)]  // a ragged pair
    public void MatVecPacked_computes_MatMuls_chains_on_one_or_two_threads(int k, int n, bool accumulate)
    {
        var rng = new Random(k + n);
        float[] x = Random(k, rng), w = Random(k * n, rng), y0 = Random(n, rng), panels = new float[Kernels.PackedLength(k, n)];
        Kernels.Pack(w, n, panels, k, n);
        var expected = (float[])y0.Clone();
        Kernels.MatMul(x, w, expected, 1, k, n, accumulate);
        var (one, two) = OnOneAndTwoThreads(n, (y, compute) =>
        {
            y0.CopyTo(y, 0);
            Kernels.MatVecPacked(x, panels, y, k, n, accumulate, compute);
        });
        Assert.Equal(expected, one);
        Assert.Equal(expected, two);
    }

    [Fact]
    public void MatMulTransA_is_bit_identical_for_any_thread_count()
    {
        var rng = new Random(8);
        int m = 136, k = 2048, n = 165;
        float[] aT = Random(k * m, rng), b = Random(k * n, rng);
        var (one, two) = OnOneAndTwoThreads(m * n, (c, compute) => Kernels.MatMulTransA(aT, b, c, m, k, n, false, compute));
        Assert.Equal(one, two);
    }

    [Fact]
    public void Tanh_and_sigmoid_are_within_float_rounding_of_the_exact_functions()
    {
        double worstTanh = 0, worstSigmoid = 0;
        for (double x = -20; x <= 20; x += 1e-3)
        {
            var v = System.Runtime.Intrinsics.Vector512.Create((float)x);
            worstTanh = Math.Max(worstTanh, Math.Abs(Activations.Tanh(v)[0] - Math.Tanh((float)x)));
            worstSigmoid = Math.Max(worstSigmoid, Math.Abs(Activations.Sigmoid(v)[0] - 1 / (1 + Math.Exp(-(float)x))));
        }
        Assert.True(worstTanh < 5e-7, $"tanh off by {worstTanh:E2}");
        Assert.True(worstSigmoid < 5e-7, $"sigmoid off by {worstSigmoid:E2}");
    }

    [Theory]
    [InlineData(3, 37)]  // ragged units only
    [InlineData(4, 64)]
    public void Fused_cell_matches_the_textbook_formulas(int rows, int hidden)
    {
        var rng = new Random(rows * hidden);
        float[] gates = Random(rows * 4 * hidden, rng).Select(v => 3 * v).ToArray(), pre = gates.ToArray();
        float[] cPrev = Random(rows * hidden, rng), c = new float[rows * hidden], tc = new float[rows * hidden], h = new float[rows * hidden];
        LstmCell.Forward(gates, cPrev, c, tc, h, rows, hidden);
        static double Sig(double x) => 1 / (1 + Math.Exp(-x));
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < hidden; j++)
            {
                int g0 = r * 4 * hidden;
                double i = Sig(pre[g0 + j]), f = Sig(pre[g0 + hidden + j]), g = Math.Tanh(pre[g0 + 2 * hidden + j]), o = Sig(pre[g0 + 3 * hidden + j]);
                double cc = f * cPrev[r * hidden + j] + i * g;
                Assert.Equal(cc, c[r * hidden + j], 5e-6);
                Assert.Equal(o * Math.Tanh(cc), h[r * hidden + j], 5e-6);
                Assert.Equal(i, gates[g0 + j], 5e-6);
            }
    }

    [Fact]
    public void Team_runs_every_share_and_meets_at_each_barrier()
    {
        // Another test may hold the team, in which case Run does the work alone: count what it used.
        var work = new CountingWork();
        Team.Run(work, 2);
        Assert.Equal(work.Steps * work.Threads, work.Total);
        int before = work.Total;
        Team.Run(work, 1);
        Assert.Equal(1, work.Threads);
        Assert.Equal(before + work.Steps, work.Total);
    }

    sealed class CountingWork : ITeamWork
    {
        public readonly int Steps = 200;
        readonly int[] counts = new int[2];
        public int Total;
        public int Threads;

        public void Run(int thread, int threads)
        {
            Threads = threads;
            for (int s = 0; s < Steps; s++)
            {
                Interlocked.Increment(ref counts[s % 2]);
                Interlocked.Increment(ref Total);
                Team.Sync(threads);
                // After the barrier every share has counted this step: no one runs ahead.
                Assert.True(Volatile.Read(ref Total) >= (s + 1) * threads);
                Team.Sync(threads);
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 1, false)]
    [InlineData(9, 300, 33, true)]   // row tail, k over one block, one ragged panel
    [InlineData(64, 128, 165, false)]
    [InlineData(130, 520, 72, true)] // large enough to go parallel
    public void MatMulTransB_matches_naive_reference(int m, int k, int n, bool accumulate)
    {
        var rng = new Random(m * 7 + k * 3 + n);
        float[] a = Random(m * k, rng), bT = Random(n * k, rng), c = Random(m * n, rng);
        var b = new float[k * n];
        for (int p = 0; p < k; p++) for (int j = 0; j < n; j++) b[p * n + j] = bT[j * k + p];
        var expected = NaiveMatMul(a, b, c, m, k, n, accumulate);
        Kernels.MatMulTransB(a, bT, c, m, k, n, accumulate);
        for (int i = 0; i < c.Length; i++)
            Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-5 * (1 + Math.Sqrt(k)), $"element {i}: {c[i]} vs {expected[i]}");
    }

    [Fact]
    public void MatMulTransB_is_bit_identical_for_any_thread_count_and_to_MatMul()
    {
        var rng = new Random(9);
        int m = 203, k = 300, n = 165;
        float[] a = Random(m * k, rng), bT = Random(n * k, rng), b = new float[k * n];
        for (int p = 0; p < k; p++) for (int j = 0; j < n; j++) b[p * n + j] = bT[j * k + p];
        var (one, two) = OnOneAndTwoThreads(m * n, (c, compute) => Kernels.MatMulTransB(a, bT, c, m, k, n, false, compute));
        Assert.Equal(one, two);
        var nn = new float[m * n];
        Kernels.MatMul(a, b, nn, m, k, n, false);
        Assert.Equal(nn, one);
    }

    [Fact]
    public void Packed_and_transposed_packed_B_give_MatMul_bit_for_bit_from_any_panel()
    {
        var rng = new Random(4);
        int m = 11, k = 300, n = 165, wide = 200; // B is a 165-column block of a 200-column matrix
        float[] a = Random(m * k, rng), w = Random(k * wide, rng), c0 = Random(m * n, rng);
        var b = new float[k * n];
        for (int p = 0; p < k; p++) for (int j = 0; j < n; j++) b[p * n + j] = w[p * wide + 20 + j];
        var wT = new float[wide * k];
        for (int p = 0; p < k; p++) for (int j = 0; j < wide; j++) wT[j * k + p] = w[p * wide + j];
        var expected = (float[])c0.Clone();
        Kernels.MatMul(a, b, expected, m, k, n, accumulate: true);

        float[] packed = new float[Kernels.PackedLength(k, n)], fromT = new float[Kernels.PackedLength(k, n)];
        Kernels.Pack(w.AsSpan(20), wide, packed, k, n);
        Kernels.PackTransposed(wT.AsSpan(20 * k), k, fromT, k, n);
        Assert.Equal(packed, fromT);
        var c = (float[])c0.Clone();
        Kernels.MatMulPacked(a, k, packed, c, n, m, k, n, accumulate: true);
        Assert.Equal(expected, c);
        // Rows 3..9, columns from the second panel on, as a block of C.
        var block = (float[])c0.Clone();
        Kernels.MatMulPacked(a.AsSpan(3 * k), k, packed.AsSpan(Kernels.PanelStart(k, 64)), block.AsSpan(3 * n + 64), n, 6, k, n - 64, accumulate: true);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                Assert.Equal(i >= 3 && i < 9 && j >= 64 ? expected[i * n + j] : c0[i * n + j], block[i * n + j]);
        Assert.Throws<ArgumentException>(() => Kernels.PanelStart(k, 32));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    public unsafe void AlignedFloats_start_on_a_cache_line_and_are_zero(int length)
    {
        var buffer = new AlignedFloats(length);
        var span = buffer.Span;
        Assert.Equal(length, span.Length);
        fixed (float* p = span) Assert.True(length == 0 || (long)p % 64 == 0, $"first element at {(long)p % 64} bytes past a line");
        Assert.All(span.ToArray(), v => Assert.Equal(0f, v));
    }

    /// <summary>Runs a kernel into a fresh output once with one thread and once with two.</summary>
    static (float[] One, float[] Two) OnOneAndTwoThreads(int length, Action<float[], ComputeContext> kernel)
    {
        float[] one = new float[length], two = new float[length];
        kernel(one, new ComputeContext(1));
        kernel(two, new ComputeContext(2));
        return (one, two);
    }
}
