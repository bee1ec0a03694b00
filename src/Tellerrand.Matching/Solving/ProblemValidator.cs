namespace Tellerrand.Matching.Solving;

/// <summary>Checks rules MP1–MP9 of docs/matching.md before any solver sees the problem.</summary>
internal static class ProblemValidator
{
    public static void Validate(MatchingProblem problem)
    {
        if (problem.Rounds is < 1)
        {
            throw new MatchingInputException($"\"rounds\" is {problem.Rounds}; it must be at least 1, or absent for no rounds.");
        }
        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in problem.Groups)
        {
            if (string.IsNullOrWhiteSpace(group)) throw new MatchingInputException("A group name is empty.");
            if (!groups.Add(group)) throw new MatchingInputException($"The group \"{group}\" is listed twice.");
        }
        RequireUniqueIds(problem.Businesses.Select(b => b.Id), "business");
        RequireUniqueIds(problem.Creatives.Select(c => c.Id), "creative");

        foreach (var business in problem.Businesses)
        {
            if (business.Demand < 0) throw new MatchingInputException($"Business \"{business.Id}\" has a negative demand ({business.Demand}).");
            if (business.GroupDemand is { } groupDemand)
            {
                foreach (var (group, demand) in groupDemand)
                {
                    if (!groups.Contains(group)) throw new MatchingInputException($"Business \"{business.Id}\" asks for the unknown group \"{group}\".");
                    if (demand < 0) throw new MatchingInputException($"Business \"{business.Id}\" has a negative demand ({demand}) for group \"{group}\".");
                }
                var sum = groupDemand.Values.Sum();
                if (sum != business.Demand)
                {
                    throw new MatchingInputException($"The group demands of business \"{business.Id}\" add up to {sum}, but its demand is {business.Demand}.");
                }
            }
            if (problem.Rounds is { } rounds)
            {
                if (business.Demand % rounds != 0)
                {
                    throw new MatchingInputException($"Business \"{business.Id}\" has demand {business.Demand}, which does not divide evenly over {rounds} rounds.");
                }
                foreach (var (group, demand) in business.GroupDemand ?? new Dictionary<string, int>())
                {
                    if (demand % rounds != 0)
                    {
                        throw new MatchingInputException($"Business \"{business.Id}\" needs {demand} creatives of group \"{group}\", which does not divide evenly over {rounds} rounds.");
                    }
                }
            }
        }

        foreach (var creative in problem.Creatives)
        {
            if (creative.Capacity < 0) throw new MatchingInputException($"Creative \"{creative.Id}\" has a negative capacity ({creative.Capacity}).");
            if (creative.MinLoad < 0) throw new MatchingInputException($"Creative \"{creative.Id}\" has a negative minimum load ({creative.MinLoad}).");
            if (creative.MinLoad > creative.Capacity)
            {
                throw new MatchingInputException($"Creative \"{creative.Id}\" has minimum load {creative.MinLoad} above its capacity {creative.Capacity}.");
            }
            if (groups.Count == 0 && creative.Group is not null)
            {
                throw new MatchingInputException($"Creative \"{creative.Id}\" names the group \"{creative.Group}\", but the problem lists no groups.");
            }
            if (groups.Count > 0 && (creative.Group is null || !groups.Contains(creative.Group)))
            {
                throw new MatchingInputException(creative.Group is null
                    ? $"Creative \"{creative.Id}\" has no group; with groups listed, every creative needs one."
                    : $"Creative \"{creative.Id}\" names the unknown group \"{creative.Group}\".");
            }
            foreach (var round in creative.UnavailableRounds ?? [])
            {
                if (problem.Rounds is not { } rounds || round < 1 || round > rounds)
                {
                    throw new MatchingInputException($"Creative \"{creative.Id}\" is unavailable in round {round}, which does not exist.");
                }
            }
        }

        if (problem.Scores.Businesses != problem.Businesses.Count || problem.Scores.Creatives != problem.Creatives.Count)
        {
            throw new MatchingInputException(
                $"The score matrix is {problem.Scores.Businesses} × {problem.Scores.Creatives}, but there are {problem.Businesses.Count} businesses and {problem.Creatives.Count} creatives.");
        }
    }

    private static void RequireUniqueIds(IEnumerable<string> ids, string kind)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id)) throw new MatchingInputException($"A {kind} has an empty id.");
            if (!seen.Add(id)) throw new MatchingInputException($"The {kind} id \"{id}\" appears twice.");
        }
    }
}
