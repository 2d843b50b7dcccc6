using Google.OrTools.Sat;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.CpSat;

/// <summary>
/// Writes a <see cref="CpModelProto"/> directly (loading the proto is faster at scale than the
/// fluent API), with readable unique names only when asked for, since names cost memory and time
/// on large models and only exports and explanations read them.
/// </summary>
internal sealed class CpModelWriter
{
    private readonly ModelNames? _names;
    private int _false = -1;

    public CpModelWriter(bool names)
    {
        _names = names ? new ModelNames() : null;
        Proto = new CpModelProto();
    }

    /// <summary>Writes on into <paramref name="proto"/> (a copy of a built model, extended for another question), without names.</summary>
    public CpModelWriter(CpModelProto proto)
    {
        Proto = proto ?? throw new ArgumentNullException(nameof(proto));
    }

    public CpModelProto Proto { get; }

    /// <summary>Terms written into constraints: literals and linear coefficients.</summary>
    public long NonZeros { get; private set; }

    public int VariableCount => Proto.Variables.Count;

    public static int Not(int literal) => -literal - 1;

    public int NewBool(string kind, params ReadOnlySpan<string> parts) => NewInt(0, 1, kind, parts);

    public int NewInt(long lower, long upper, string kind, params ReadOnlySpan<string> parts)
    {
        var variable = new IntegerVariableProto();
        variable.Domain.Add(lower);
        variable.Domain.Add(upper);
        if (_names is not null)
        {
            variable.Name = _names.Name(kind, parts);
        }

        Proto.Variables.Add(variable);
        return Proto.Variables.Count - 1;
    }

    /// <summary>A literal that is always false (an empty disjunction).</summary>
    public int False => _false >= 0 ? _false : _false = NewInt(0, 0, "false");

    public ConstraintProto ExactlyOne(IEnumerable<int> literals, string kind, params ReadOnlySpan<string> parts)
    {
        var constraint = Add(kind, parts);
        constraint.ExactlyOne = Literals(literals);
        return constraint;
    }

    public ConstraintProto AtMostOne(IEnumerable<int> literals, string kind, params ReadOnlySpan<string> parts)
    {
        var constraint = Add(kind, parts);
        constraint.AtMostOne = Literals(literals);
        return constraint;
    }

    /// <summary>At least one of <paramref name="literals"/> holds (when every enforcement literal added later holds).</summary>
    public ConstraintProto BoolOr(IEnumerable<int> literals, string kind, params ReadOnlySpan<string> parts)
    {
        var constraint = Add(kind, parts);
        constraint.BoolOr = Literals(literals);
        if (constraint.BoolOr.Literals.Count == 0)
        {
            constraint.BoolOr.Literals.Add(False);
        }

        return constraint;
    }

    /// <summary><paramref name="lower"/> &lt;= sum of coefficient * variable &lt;= <paramref name="upper"/>.</summary>
    public ConstraintProto Linear(IEnumerable<(int Variable, long Coefficient)> terms, long lower, long upper, string kind, params ReadOnlySpan<string> parts)
    {
        var constraint = Add(kind, parts);
        var linear = new LinearConstraintProto();
        foreach (var (variable, coefficient) in terms)
        {
            linear.Vars.Add(variable);
            linear.Coeffs.Add(coefficient);
        }

        linear.Domain.Add(lower);
        linear.Domain.Add(upper);
        NonZeros += linear.Vars.Count;
        constraint.Linear = linear;
        return constraint;
    }

    private ConstraintProto Add(string kind, ReadOnlySpan<string> parts)
    {
        var constraint = new ConstraintProto();
        if (_names is not null)
        {
            constraint.Name = _names.Name(kind, parts);
        }

        Proto.Constraints.Add(constraint);
        return constraint;
    }

    private BoolArgumentProto Literals(IEnumerable<int> literals)
    {
        var argument = new BoolArgumentProto();
        argument.Literals.Add(literals);
        NonZeros += argument.Literals.Count;
        return argument;
    }
}
