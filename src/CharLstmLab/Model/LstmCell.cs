using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using CharLstmLab.Compute;

namespace CharLstmLab.Model;

/// <summary>
/// The element-wise gate math of one LSTM time step, forward and backward side by side, fused
/// into one pass over the units with 16-lane vectors.
/// A gate row is [i | f | g | o], each H wide; the products that fill it live in <see cref="Kernels"/>.
/// <code>
///   i = sigmoid(.)  f = sigmoid(.)  g = tanh(.)  o = sigmoid(.)
///   c = f * c_prev + i * g          h = o * tanh(c)
/// </code>
/// The overloads with a unit range [u0, u1) touch only those units (and their four gate columns),
/// so threads can split one time step by units.
/// </summary>
public static class LstmCell
{
    /// <summary>gates: pre-activations in, activations out. Writes c, tanh(c) and h for every row.</summary>
    public static void Forward(Span<float> gates, ReadOnlySpan<float> cPrev, Span<float> c, Span<float> tanhC, Span<float> h, int rows, int hidden) =>
        Forward(gates, cPrev, c, tanhC, h, rows, hidden, 0, hidden);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(Span<float> gates, ReadOnlySpan<float> cPrev, Span<float> c, Span<float> tanhC, Span<float> h,
        int rows, int hidden, int u0, int u1)
    {
        int H = hidden;
        if (gates.Length < rows * 4 * H || cPrev.Length < rows * H || c.Length < rows * H || tanhC.Length < rows * H || h.Length < rows * H)
            throw new ArgumentException("Cell buffers are smaller than rows x hidden.");
        Span<float> pad = stackalloc float[4 * 16 + 16];
        for (int r = 0; r < rows; r++)
        {
            var g = gates.Slice(r * 4 * H, 4 * H);
            int o = r * H, j = u0;
            for (; j + 16 <= u1; j += 16)
            {
                var (vi, vf, vg, vo, vc, tc, vh) = ForwardLanes(
                    Vector512.Create(g.Slice(j, 16)), Vector512.Create(g.Slice(H + j, 16)),
                    Vector512.Create(g.Slice(2 * H + j, 16)), Vector512.Create(g.Slice(3 * H + j, 16)),
                    Vector512.Create(cPrev.Slice(o + j, 16)));
                vi.CopyTo(g.Slice(j, 16)); vf.CopyTo(g.Slice(H + j, 16)); vg.CopyTo(g.Slice(2 * H + j, 16)); vo.CopyTo(g.Slice(3 * H + j, 16));
                vc.CopyTo(c.Slice(o + j, 16)); tc.CopyTo(tanhC.Slice(o + j, 16)); vh.CopyTo(h.Slice(o + j, 16));
            }
            if (j < u1)
            {
                // The ragged end goes through the same lane math on a zero-padded copy, so every unit
                // gets identical numbers whatever H is.
                int w = u1 - j;
                pad.Clear();
                for (int q = 0; q < 4; q++) g.Slice(q * H + j, w).CopyTo(pad.Slice(q * 16, w));
                cPrev.Slice(o + j, w).CopyTo(pad.Slice(64, w));
                var (vi, vf, vg, vo, vc, tc, vh) = ForwardLanes(
                    Vector512.Create(pad[..16]), Vector512.Create(pad.Slice(16, 16)), Vector512.Create(pad.Slice(32, 16)),
                    Vector512.Create(pad.Slice(48, 16)), Vector512.Create(pad.Slice(64, 16)));
                Put(vi, g.Slice(j, w), pad); Put(vf, g.Slice(H + j, w), pad);
                Put(vg, g.Slice(2 * H + j, w), pad); Put(vo, g.Slice(3 * H + j, w), pad);
                Put(vc, c.Slice(o + j, w), pad); Put(tc, tanhC.Slice(o + j, w), pad); Put(vh, h.Slice(o + j, w), pad);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Put(Vector512<float> v, Span<float> to, Span<float> scratch)
    {
        v.CopyTo(scratch);
        scratch[..to.Length].CopyTo(to);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static (Vector512<float> I, Vector512<float> F, Vector512<float> G, Vector512<float> O,
            Vector512<float> C, Vector512<float> TanhC, Vector512<float> H)
        ForwardLanes(Vector512<float> i, Vector512<float> f, Vector512<float> g, Vector512<float> o, Vector512<float> cPrev)
    {
        i = Activations.Sigmoid(i);
        f = Activations.Sigmoid(f);
        g = Activations.Tanh(g);
        o = Activations.Sigmoid(o);
        var c = Vector512.FusedMultiplyAdd(i, g, f * cPrev);
        var tc = Activations.Tanh(c);
        return (i, f, g, o, c, tc, o * tc);
    }

    /// <summary>
    /// dh: gradient reaching h this step. dc: gradient reaching c from the next step (in), to the
    /// previous step (out). Writes the gradient of the pre-activations to dGates, which may be gates
    /// itself: each unit's four activations are read before its four gradients are written.
    /// <code>
    ///   do = dh * tanh(c) * o(1-o)        dc += dh * o * (1 - tanh(c)^2)
    ///   di = dc * g * i(1-i)   dg = dc * i * (1-g^2)   df = dc * c_prev * f(1-f)   dc_prev = dc * f
    /// </code>
    /// </summary>
    public static void Backward(ReadOnlySpan<float> gates, ReadOnlySpan<float> cPrev, ReadOnlySpan<float> tanhC,
        ReadOnlySpan<float> dh, Span<float> dc, Span<float> dGates, int rows, int hidden) =>
        Backward(gates, cPrev, tanhC, dh, dc, dGates, rows, hidden, 0, hidden);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(ReadOnlySpan<float> gates, ReadOnlySpan<float> cPrev, ReadOnlySpan<float> tanhC,
        ReadOnlySpan<float> dh, Span<float> dc, Span<float> dGates, int rows, int hidden, int u0, int u1)
    {
        int H = hidden;
        var one = Vector512<float>.One;
        for (int r = 0; r < rows; r++)
        {
            var gr = gates.Slice(r * 4 * H, 4 * H);
            var dg = dGates.Slice(r * 4 * H, 4 * H);
            int o = r * H, j = u0;
            for (; j + 16 <= u1; j += 16)
            {
                var vi = Vector512.Create(gr.Slice(j, 16));
                var vf = Vector512.Create(gr.Slice(H + j, 16));
                var vg = Vector512.Create(gr.Slice(2 * H + j, 16));
                var vo = Vector512.Create(gr.Slice(3 * H + j, 16));
                var tc = Vector512.Create(tanhC.Slice(o + j, 16));
                var vdh = Vector512.Create(dh.Slice(o + j, 16));
                var vdc = Vector512.Create(dc.Slice(o + j, 16)) + vdh * vo * (one - tc * tc);
                (vdh * tc * vo * (one - vo)).CopyTo(dg.Slice(3 * H + j, 16));
                (vdc * vg * vi * (one - vi)).CopyTo(dg.Slice(j, 16));
                (vdc * vi * (one - vg * vg)).CopyTo(dg.Slice(2 * H + j, 16));
                (vdc * Vector512.Create(cPrev.Slice(o + j, 16)) * vf * (one - vf)).CopyTo(dg.Slice(H + j, 16));
                (vdc * vf).CopyTo(dc.Slice(o + j, 16));
            }
            for (; j < u1; j++)
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
