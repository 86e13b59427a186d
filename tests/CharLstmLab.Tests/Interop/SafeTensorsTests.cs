using System.Text;
using CharLstmLab.Interop;

namespace CharLstmLab.Tests.Interop;

public class SafeTensorsTests
{
    [Fact]
    public void Writes_and_reads_any_float32_shapes_and_metadata()
    {
        var file = new SafeTensors(
            [new("scalar", [], [3.5f]), new("empty", [0, 4], []), new("m", [2, 3], [1, -2, 0.25f, float.Epsilon, -0f, 6])],
            new Dictionary<string, string> { ["note"] = "quotes \" and é", ["n"] = "3" });
        byte[] bytes = file.ToBytes();
        var back = SafeTensors.Parse(bytes, "memory");

        Assert.Equal(file.Tensors.Select(t => t.Name), back.Tensors.Select(t => t.Name));
        foreach (var t in file.Tensors)
        {
            Assert.Equal(t.Shape, back.Find(t.Name)!.Shape);
            Assert.Equal(t.Values.Select(BitConverter.SingleToInt32Bits), back.Find(t.Name)!.Values.Select(BitConverter.SingleToInt32Bits));
        }
        Assert.Equal(file.Metadata, back.Metadata);
        long n = BitConverter.ToInt64(bytes);
        Assert.Equal(0, n % 8);
        Assert.Contains("quotes \\\" and é", Encoding.UTF8.GetString(bytes, 8, (int)n));
        Assert.Equal(8 + n + 4 * 7, bytes.Length);
    }

    [Fact]
    public void A_name_twice_in_the_header_is_rejected()
    {
        byte[] good = new SafeTensors([new("a", [1], [1f])]).ToBytes();
        string header = Encoding.UTF8.GetString(good, 8, (int)BitConverter.ToInt64(good)).TrimEnd();
        string twice = header[..^1] + ", " + header[1..];
        byte[] json = Encoding.UTF8.GetBytes(twice);
        byte[] bytes = [.. BitConverter.GetBytes((long)json.Length), .. json, .. BitConverter.GetBytes(1f)];
        Assert.Contains("names 'a' twice", Assert.Throws<LabException>(() => SafeTensors.Parse(bytes, "f")).Message);
    }

    [Fact]
    public void The_writer_refuses_what_it_could_not_write_correctly()
    {
        Assert.Contains("holds 2 values", Assert.Throws<LabException>(() => new SafeTensors([new("a", [3], [1f, 2f])])).Message);
        Assert.Contains("must be unique", Assert.Throws<LabException>(() => new SafeTensors([new("a", [1], [1f]), new("a", [1], [2f])])).Message);
        Assert.Contains("reserves", Assert.Throws<LabException>(() => new SafeTensors([new("__metadata__", [1], [1f])])).Message);
    }

    [Fact]
    public void A_failed_save_leaves_no_file()
    {
        string path = Path.Combine(TestData.TempFile("x"), "missing-folder", "m.safetensors");
        Assert.Contains("does not exist", Assert.Throws<LabException>(() => new SafeTensors([new("a", [1], [1f])]).Save(path)).Message);
        Assert.False(File.Exists(path));
    }
}
