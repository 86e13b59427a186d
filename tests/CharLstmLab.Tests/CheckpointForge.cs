using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CharLstmLab.Tests;

/// <summary>
/// Takes a real checkpoint apart (header JSON, tensor bytes) so a test can make its header lie
/// and put it back together with a correct checksum: what a checksum cannot catch.
/// </summary>
sealed class CheckpointForge
{
    public JsonObject Header { get; }
    public byte[] Tensors { get; set; }
    public int? HeaderLengthOverride { get; set; }

    public CheckpointForge(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var body = bytes.AsSpan(52);
        int headerLength = BitConverter.ToInt32(body);
        Header = JsonNode.Parse(Encoding.UTF8.GetString(body.Slice(4, headerLength)))!.AsObject();
        Tensors = body[(4 + headerLength)..].ToArray();
    }

    public byte[] Bytes()
    {
        byte[] header = Encoding.UTF8.GetBytes(Header.ToJsonString());
        var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(HeaderLengthOverride ?? header.Length);
            w.Write(header);
            w.Write(Tensors);
        }
        byte[] payload = body.ToArray();
        var file = new MemoryStream();
        using (var w = new BinaryWriter(file))
        {
            w.Write("CHARLSTM"u8);
            w.Write(1);
            w.Write((long)payload.Length);
            w.Write(SHA256.HashData(payload));
            w.Write(payload);
        }
        return file.ToArray();
    }

    public string Save(string path)
    {
        File.WriteAllBytes(path, Bytes());
        return path;
    }

    /// <summary>One float of the tensor area set to a value (NaN, infinity).</summary>
    public void SetFloat(int index, float value) => BitConverter.GetBytes(value).CopyTo(Tensors, index * 4);
}
