namespace CharLstmLab.Baselines;

/// <summary>The general-purpose compressors of the .NET base class library that <see cref="CompressorBaseline"/> uses.</summary>
public enum Compressor { Brotli, ZLib }
