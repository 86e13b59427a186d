using System.Numerics.Tensors;
using CharLstmLab.Compute;
using CharLstmLab.Model;

namespace CharLstmLab.Training;

/// <summary>The article's two clips: every element into [-c, c], or the whole gradient rescaled to a global norm.</summary>
public static class GradientClipping
{
    /// <summary>The L2 norm of all gradients taken together (<see cref="ParameterPasses.GlobalNorm"/> on the caller's thread).</summary>
    public static double GlobalNorm(IReadOnlyList<Parameter> parameters) => new ParameterPasses(parameters).GlobalNorm(ComputeContext.Serial);

    /// <summary>The largest |gradient element| of any parameter: an element clip at c changes something only when this exceeds c.</summary>
    public static double MaxElement(IReadOnlyList<Parameter> parameters)
    {
        float max = 0;
        foreach (var p in parameters) max = Math.Max(max, Math.Abs(TensorPrimitives.MaxMagnitude<float>(p.Grad)));
        return max;
    }

    /// <summary>Every gradient element clamped to [-c, c].</summary>
    public static void ByValue(IReadOnlyList<Parameter> parameters, float c)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            var g = parameters[i].Grad;
            TensorPrimitives.Min(g, c, g);
            TensorPrimitives.Max(g, -c, g);
        }
    }

    /// <summary>All gradients scaled by maxNorm / norm when norm exceeds maxNorm.</summary>
    public static void ByNorm(IReadOnlyList<Parameter> parameters, double norm, double maxNorm) => Scale(parameters, NormScale(norm, maxNorm));

    /// <summary>The factor that brings a gradient of this norm down to maxNorm; 1 when it is already within.</summary>
    public static float NormScale(double norm, double maxNorm) => norm > maxNorm ? (float)(maxNorm / norm) : 1f;

    /// <summary>Every gradient multiplied by scale (nothing to do when it is 1).</summary>
    public static void Scale(IReadOnlyList<Parameter> parameters, float scale) => new ParameterPasses(parameters).Scale(scale, ComputeContext.Serial);
}
