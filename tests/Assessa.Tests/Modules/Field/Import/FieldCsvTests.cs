using System.Text;
using Assessa.Server.Modules.Field.Features.Import;

namespace Assessa.Tests.Modules.Field.Import;

/// <summary>Encoding detection on files larger than one read, where a character can straddle two reads.</summary>
public sealed class FieldCsvTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("utf-8", "utf-8")]
    [InlineData("utf-8-bom", "utf-8-bom")]
    [InlineData("iso-8859-1", "iso-8859-1")]
    public async Task Encoding_is_detected_over_the_whole_file_even_when_a_character_straddles_two_reads(string written, string detected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"field-csv-{Guid.NewGuid():N}.csv");
        try
        {
            var encoding = written == "iso-8859-1" ? Encoding.Latin1 : new UTF8Encoding(false);
            var preamble = written == "utf-8-bom" ? Encoding.UTF8.GetPreamble() : [];
            var head = encoding.GetBytes("id_atendimento,id_cliente,angel,polo,data_limite,data_de_atendimento\n");
            // Pad so that the first "ã" (two bytes in UTF-8) starts on the last byte of the first 1 MiB read.
            var filler = new byte[(1 << 20) - 1 - preamble.Length - head.Length];
            Array.Fill(filler, (byte)'a');
            byte[] bytes = [.. preamble, .. head, .. filler, .. encoding.GetBytes("ão\n1,2,João,RJ - SÃO GONÇALO,04/01/2022,\n")];
            await File.WriteAllBytesAsync(path, bytes, Ct);

            Assert.Equal(detected, await FieldCsv.DetectEncodingAsync(path, Ct));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
