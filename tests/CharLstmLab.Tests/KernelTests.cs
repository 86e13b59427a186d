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
        float[] one = new float[m * n], two = new float[m * n];
        int saved = Kernels.Threads;
        try
        {
            Kernels.Threads = 1;
            Kernels.MatMul(a, b, one, m, k, n, false);
            Kernels.Threads = 2;
            Kernels.MatMul(a, b, two, m, k, n, false);
        }
        finally { Kernels.Threads = saved; }
        Assert.Equal(one, two);
    }

    [Fact]
    public void Transpose_swaps_rows_and_columns()
    {
        float[] src = [1, 2, 3, 4, 5, 6];
        var dst = new float[6];
        Kernels.Transpose(src, dst, 2, 3);
        Assert.Equal([1, 4, 2, 5, 3, 6], dst);
    }
}
