using System.Text;
using Assessa.Server.Modules.Identity.Security;

namespace Assessa.Tests.Modules.Identity;

/// <summary>The compact common-password list finds exactly its own lines, and the policy refuses every shipped one.</summary>
public sealed class CommonPasswordListTests
{
    private static SortedWordList ListOf(string text) => SortedWordList.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Every_line_is_found_and_nothing_near_it_is()
    {
        var list = ListOf("zebra12\r\napple\n\nappletree\npässwörd\napple\nmango");

        Assert.Equal(5, list.Count);
        foreach (var word in new[] { "apple", "appletree", "mango", "pässwörd", "zebra12" })
        {
            Assert.True(list.Contains(word), word);
        }

        foreach (var word in new[] { "", "appl", "apples", "Apple", "appletre", "passwörd", "pässwörd ", "zebra1", "zebra123", "0", "~" })
        {
            Assert.False(list.Contains(word), word);
        }
    }

    [Fact]
    public void An_empty_list_contains_nothing()
    {
        var list = ListOf("\n\r\n");

        Assert.Equal(0, list.Count);
        Assert.False(list.Contains("anything"));
        Assert.False(list.Contains(""));
    }

    [Fact]
    public void The_policy_refuses_every_shipped_password_in_any_case_and_accepts_their_neighbours()
    {
        var lines = new List<string>();
        using (var reader = new StreamReader(PasswordPolicy.OpenCommonPasswords()))
        {
            while (reader.ReadLine() is { } line)
            {
                lines.Add(line);
            }
        }

        Assert.Equal(100_000, lines.Count);
        Assert.Equal(lines.Count, PasswordPolicy.CommonPasswordCount);
        var refused = lines.Count(line => PasswordPolicy.Problems(line.ToUpperInvariant(), null).Any(p => p.Contains("most common", StringComparison.Ordinal)));
        Assert.Equal(lines.Count, refused);

        var known = lines.ToHashSet(StringComparer.Ordinal);
        var neighbours = lines.Take(1_000).Select(line => line + "\u00e9x").Where(word => !known.Contains(word)).ToList();
        Assert.NotEmpty(neighbours);
        Assert.All(neighbours, word => Assert.DoesNotContain(PasswordPolicy.Problems(word, null), p => p.Contains("most common", StringComparison.Ordinal)));
    }
}
