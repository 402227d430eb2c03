namespace ConformanceKit.Contracts.Check;

/// <summary>
/// Status of a rule, or of a rule at a selector (a row of the conformance table), as the check
/// computes it and its JSON carries it ("held", "failed", "not-applicable", "not-judged"). Held needs
/// evidence: programs that reached the dext and were judged. NotJudged means nothing was: either the
/// transport cannot judge the rule by design (the user's choice), or no program got to the dext.
/// </summary>
public enum RuleStatus { Held, Failed, NotApplicable, NotJudged }
