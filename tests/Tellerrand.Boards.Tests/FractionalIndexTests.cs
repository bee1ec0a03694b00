using CsCheck;

namespace Tellerrand.Boards.Tests;

public sealed class FractionalIndexTests
{
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly Gen<string> Key =
        Gen.Int[0, 61].Array[1, 8]
            .Select(digits => new string([.. digits.Select(d => Digits[d])]).TrimEnd('0'))
            .Where(key => key.Length > 0);

    private static readonly Gen<string?> Bound = Gen.Frequency((1, Gen.Const((string?)null)), (5, Key.Select(k => (string?)k)));

    [Fact]
    public void BM7_BetweenSortsStrictlyBetweenItsBounds()
    {
        Gen.Select(Bound, Bound).Where(b => b.Item1 is null || b.Item2 is null || string.CompareOrdinal(b.Item1, b.Item2) < 0)
            .Sample((before, after) =>
            {
                var key = FractionalIndex.Between(before, after);
                return FractionalIndex.IsValid(key)
                    && (before is null || string.CompareOrdinal(before, key) < 0)
                    && (after is null || string.CompareOrdinal(key, after) < 0);
            }, iter: 20_000);
    }

    [Fact]
    public void BM7_ManyKeysBetweenAreSortedUniqueAndInside()
    {
        Gen.Select(Bound, Bound, Gen.Int[0, 40]).Where(b => b.Item1 is null || b.Item2 is null || string.CompareOrdinal(b.Item1, b.Item2) < 0)
            .Sample((before, after, count) =>
            {
                var keys = FractionalIndex.Between(before, after, count);
                var bounded = keys.Prepend(before ?? "").Append(after).ToList();
                return keys.Count == count
                    && keys.All(FractionalIndex.IsValid)
                    && bounded.Zip(bounded.Skip(1)).All(p => p.Second is null || string.CompareOrdinal(p.First, p.Second) < 0);
            }, iter: 5_000);
    }

    [Fact]
    public void BM7_RepeatedAppendingAndPrependingStaysShort()
    {
        string? last = null, first = null;
        for (var i = 0; i < 1_000; i++)
        {
            last = FractionalIndex.Between(last, null);
            first = FractionalIndex.Between(null, first);
        }
        Assert.True(last!.Length <= 20, last);
        Assert.True(first!.Length <= 20, first);
    }

    [Fact]
    public void BM7_RepairYieldsUniqueSortedKeysAndKeepsTheOrder()
    {
        var siblings = Gen.Select(Gen.Int[0, 5], Key).Array[0, 30]
            .Select(entries => entries.Select((e, i) => (Id: $"r{e.Item1}-{i}", Index: e.Item2)).ToList());
        siblings.Sample(original =>
        {
            var repaired = FractionalIndex.Repair(original).ToDictionary(r => r.Id, r => r.Index);
            var before = original.OrderBy(s => s.Index, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal).Select(s => s.Id).ToList();
            var after = original.Select(s => (s.Id, Index: repaired.GetValueOrDefault(s.Id, s.Index))).ToList();
            var afterOrder = after.OrderBy(s => s.Index, StringComparer.Ordinal).Select(s => s.Id).ToList();
            return after.Select(s => s.Index).Distinct().Count() == after.Count
                && after.All(s => FractionalIndex.IsValid(s.Index))
                && before.SequenceEqual(afterOrder)
                && repaired.Keys.All(id => original.Count(s => s.Id == id) == 1);
        }, iter: 5_000);
    }

    [Fact]
    public void BM7_RepairIsDeterministicAndKeepsTheFirstOfEachRun()
    {
        var siblings = new[] { ("b", "V"), ("a", "V"), ("c", "V"), ("d", "W") };

        var repaired = FractionalIndex.Repair(siblings);

        Assert.Equal(repaired, FractionalIndex.Repair(siblings.Reverse()));
        Assert.DoesNotContain(repaired, r => r.Id == "a");
        Assert.All(repaired, r => Assert.InRange(string.CompareOrdinal(r.Index, "V"), 1, int.MaxValue));
        Assert.All(repaired, r => Assert.True(string.CompareOrdinal(r.Index, "W") < 0));
        Assert.True(string.CompareOrdinal(repaired.Single(r => r.Id == "b").Index, repaired.Single(r => r.Id == "c").Index) < 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("V0")]
    [InlineData("a-b")]
    [InlineData("ä")]
    public void BM7_InvalidKeysAreRefused(string key)
    {
        Assert.False(FractionalIndex.IsValid(key));
        Assert.Throws<ArgumentException>(() => FractionalIndex.Between(key, null));
    }
}
