using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace CharLstmLab.Model;

/// <summary>
/// The element-wise gate math of one LSTM time step, forward and backward side by side.
/// A gate row is [i | f | g | o], each H wide; the products that fill it live in <see cref="Kernels"/>.
/// <code>
///   i = sigmoid(.)  f = sigmoid(.)  g = tanh(.)  o = sigmoid(.)
///   c = f * c_prev + i * g          h = o * tanh(c)
/// </code>
/// </summary>
public static class LstmCell
{
    /// <summary>gates: pre-activations in, activations out. Writes c, tanh(c) and h for every row.</summary>
    public static void Forward(Span<float> gates, ReadOnlySpan<float> cPrev, Span<float> c, Span<float> tanhC, Span<float> h, int rows, int hidden)
    {
        int H = hidden;
        for (int r = 0; r < rows; r++)
        {
            var g = gates.Slice(r * 4 * H, 4 * H);
            TensorPrimitives.Sigmoid(g[..(2 * H)], g[..(2 * H)]);
            TensorPrimitives.Tanh(g.Slice(2 * H, H), g.Slice(2 * H, H));
            TensorPrimitives.Sigmoid(g.Slice(3 * H, H), g.Slice(3 * H, H));
            var cr = c.Slice(r * H, H);
            TensorPrimitives.Multiply(g.Slice(H, H), cPrev.Slice(r * H, H), cr);
            TensorPrimitives.FusedMultiplyAdd(g[..H], g.Slice(2 * H, H), cr, cr);
            var tr = tanhC.Slice(r * H, H);
            TensorPrimitives.Tanh(cr, tr);
            TensorPrimitives.Multiply(g.Slice(3 * H, H), tr, h.Slice(r * H, H));
        }
    }

    /// <summary>
    /// dh: gradient reaching h this step. dc: gradient reaching c from the next step (in), to the
    /// previous step (out). Writes the gradient of the pre-activations to dGates.
    /// <code>
    ///   do = dh * tanh(c) * o(1-o)        dc += dh * o * (1 - tanh(c)^2)
    ///   di = dc * g * i(1-i)   dg = dc * i * (1-g^2)   df = dc * c_prev * f(1-f)   dc_prev = dc * f
    /// </code>
    /// </summary>
    public static void Backward(ReadOnlySpan<float> gates, ReadOnlySpan<float> cPrev, ReadOnlySpan<float> tanhC,
        ReadOnlySpan<float> dh, Span<float> dc, Span<float> dGates, int rows, int hidden)
    {
        int H = hidden;
        var one = Vector256<float>.One;
        for (int r = 0; r < rows; r++)
        {
            var gr = gates.Slice(r * 4 * H, 4 * H);
            var dg = dGates.Slice(r * 4 * H, 4 * H);
            int o = r * H, j = 0;
            for (; j + 8 <= H; j += 8)
            {
                var vi = Vector256.Create(gr.Slice(j, 8));
                var vf = Vector256.Create(gr.Slice(H + j, 8));
                var vg = Vector256.Create(gr.Slice(2 * H + j, 8));
                var vo = Vector256.Create(gr.Slice(3 * H + j, 8));
                var tc = Vector256.Create(tanhC.Slice(o + j, 8));
                var vdh = Vector256.Create(dh.Slice(o + j, 8));
                var vdc = Vector256.Create(dc.Slice(o + j, 8)) + vdh * vo * (one - tc * tc);
                (vdh * tc * vo * (one - vo)).CopyTo(dg.Slice(3 * H + j, 8));
                (vdc * vg * vi * (one - vi)).CopyTo(dg.Slice(j, 8));
                (vdc * vi * (one - vg * vg)).CopyTo(dg.Slice(2 * H + j, 8));
                (vdc * Vector256.Create(cPrev.Slice(o + j, 8)) * vf * (one - vf)).CopyTo(dg.Slice(H + j, 8));
                (vdc * vf).CopyTo(dc.Slice(o + j, 8));
            }
            for (; j < H; j++)
            {
                float i = gr[j], f = gr[H + j], g = gr[2 * H + j], og = gr[3 * H + j], tc = tanhC[o + j], d = dh[o + j];
                float dcj = dc[o + j] + d * og * (1 - tc * tc);
                dg[3 * H + j] = d * tc * og * (1 - og);
                dg[j] = dcj * g * i * (1 - i);
                dg[2 * H + j] = dcj * i * (1 - g * g);
                dg[H + j] = dcj * cPrev[o + j] * f * (1 - f);
                dc[o + j] = dcj * f;
            }
        }
    }
}
