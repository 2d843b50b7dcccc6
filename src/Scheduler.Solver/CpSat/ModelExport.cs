using Google.OrTools.ModelBuilder;
using Google.OrTools.Sat;

namespace Scheduler.Solver.CpSat;

/// <summary>
/// The planning model of a scenario for other tools: the CP-SAT model itself as text, or its
/// linear form (MPS or LP) through OR-Tools' model builder, with the real objective coefficients
/// and readable names. In the linear form a literal x written negated becomes 1 - x, and a
/// constraint switched on by literals holds through a big-M taken from the variables' bounds.
/// </summary>
public sealed class ModelExport
{
    private readonly ReleaseModel _model;

    internal ModelExport(ReleaseModel model)
    {
        _model = model;
    }

    public int Variables => _model.VariableCount;

    public int Constraints => _model.ConstraintCount;

    public long NonZeros => _model.NonZeros;

    /// <summary>The CP-SAT model in protobuf text format, exactly as CP-SAT solves it (integer objective).</summary>
    public string CpSatText()
    {
        var directory = Directory.CreateTempSubdirectory("scheduler-model-");
        try
        {
            // CP-SAT writes text format for a file name ending in .txt.
            var path = Path.Combine(directory.FullName, "model.txt");
            if (!CpSatHelper.WriteModelToFile(_model.Proto, path))
            {
                throw new IOException("CP-SAT could not write the model.");
            }

            return File.ReadAllText(path);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public string Mps()
    {
        using var linear = Linear();
        return linear.ExportToMpsString(false);
    }

    public string Lp()
    {
        using var linear = Linear();
        return linear.ExportToLpString(false);
    }

    private ModelBuilderHelper Linear()
    {
        var proto = _model.Proto;
        var helper = new ModelBuilderHelper();
        helper.SetName("release-plan");
        var bounds = new (long Lower, long Upper)[proto.Variables.Count];
        for (var i = 0; i < proto.Variables.Count; i++)
        {
            var variable = proto.Variables[i];
            bounds[i] = (variable.Domain[0], variable.Domain[^1]);
            var index = helper.AddVar();
            helper.SetVarLowerBound(index, bounds[i].Lower);
            helper.SetVarUpperBound(index, bounds[i].Upper);
            helper.SetVarIntegrality(index, true);
            helper.SetVarName(index, string.IsNullOrEmpty(variable.Name) ? $"x{i}" : variable.Name);
        }

        for (var c = 0; c < proto.Constraints.Count; c++)
        {
            var constraint = proto.Constraints[c];
            var name = string.IsNullOrEmpty(constraint.Name) ? $"c{c}" : constraint.Name;
            var row = new LinearRow(name, [.. constraint.EnforcementLiteral]);
            switch (constraint.ConstraintCase)
            {
                case ConstraintProto.ConstraintOneofCase.ExactlyOne:
                    row.AddLiterals(constraint.ExactlyOne.Literals);
                    row.Write(helper, bounds, 1, 1);
                    break;
                case ConstraintProto.ConstraintOneofCase.AtMostOne:
                    row.AddLiterals(constraint.AtMostOne.Literals);
                    row.Write(helper, bounds, double.NegativeInfinity, 1);
                    break;
                case ConstraintProto.ConstraintOneofCase.BoolOr:
                    row.AddLiterals(constraint.BoolOr.Literals);
                    row.Write(helper, bounds, 1, double.PositiveInfinity);
                    break;
                case ConstraintProto.ConstraintOneofCase.Linear:
                    for (var t = 0; t < constraint.Linear.Vars.Count; t++)
                    {
                        row.Add(constraint.Linear.Vars[t], constraint.Linear.Coeffs[t]);
                    }

                    row.Write(helper, bounds, constraint.Linear.Domain[0], constraint.Linear.Domain[^1]);
                    break;
                default:
                    throw new InvalidOperationException($"The release model has no linear form for {constraint.ConstraintCase} constraints.");
            }
        }

        foreach (var (variable, coefficient) in _model.ExactObjective)
        {
            helper.SetVarObjectiveCoefficient(variable, coefficient);
        }

        helper.SetObjectiveOffset(_model.Scale.Offset);
        helper.SetMaximize(true);
        return helper;
    }

    /// <summary>One linear row being written: terms, the constant that negated literals leave, and what switches it on.</summary>
    private sealed class LinearRow(string name, int[] enforcement)
    {
        private readonly Dictionary<int, double> _terms = [];
        private double _constant;

        public void AddLiterals(IEnumerable<int> literals)
        {
            foreach (var literal in literals)
            {
                AddLiteral(literal, 1);
            }
        }

        public void Add(int variable, double coefficient) => _terms[variable] = _terms.GetValueOrDefault(variable) + coefficient;

        /// <summary>lower &lt;= terms + constant &lt;= upper, relaxed by big-M when an enforcement literal is false.</summary>
        public void Write(ModelBuilderHelper helper, (long Lower, long Upper)[] bounds, double lower, double upper)
        {
            var (least, most) = Range(bounds);
            if (enforcement.Length == 0)
            {
                Row(helper, name, lower - _constant, upper - _constant, null);
                return;
            }

            // Each false enforcement literal lowers (or raises) the bound by the row's whole range.
            if (double.IsFinite(lower) && least + _constant < lower)
            {
                Row(helper, name + "_lo", lower - _constant, double.PositiveInfinity, (lower - _constant - least, -1));
            }

            if (double.IsFinite(upper) && most + _constant > upper)
            {
                Row(helper, name + "_hi", double.NegativeInfinity, upper - _constant, (most + _constant - upper, 1));
            }
        }

        // With literals e_j, "terms >= lower" becomes terms + M * sum(1 - e_j) >= lower, and
        // "terms <= upper" becomes terms - M * sum(1 - e_j) <= upper; a literal that is a negated
        // variable v contributes (1 - e_j) = v, a plain one 1 - v.
        private void Row(ModelBuilderHelper helper, string rowName, double lower, double upper, (double BigM, double Side)? relax)
        {
            var row = helper.AddLinearConstraint();
            helper.SetConstraintName(row, rowName);
            foreach (var (variable, coefficient) in _terms.Where(t => t.Value != 0).OrderBy(t => t.Key))
            {
                helper.AddConstraintTerm(row, variable, coefficient);
            }

            if (relax is { } r)
            {
                var shift = 0.0;
                foreach (var literal in enforcement)
                {
                    if (literal >= 0)
                    {
                        helper.SafeAddConstraintTerm(row, literal, r.Side * r.BigM);
                        shift += r.Side * r.BigM;
                    }
                    else
                    {
                        helper.SafeAddConstraintTerm(row, -literal - 1, -r.Side * r.BigM);
                    }
                }

                lower += shift;
                upper += shift;
            }

            helper.SetConstraintLowerBound(row, lower);
            helper.SetConstraintUpperBound(row, upper);
        }

        private void AddLiteral(int literal, double coefficient)
        {
            if (literal >= 0)
            {
                Add(literal, coefficient);
            }
            else
            {
                Add(-literal - 1, -coefficient);
                _constant += coefficient;
            }
        }

        private (double Least, double Most) Range((long Lower, long Upper)[] bounds)
        {
            var (least, most) = (0.0, 0.0);
            foreach (var (variable, coefficient) in _terms)
            {
                var (lo, hi) = bounds[variable];
                least += Math.Min(coefficient * lo, coefficient * hi);
                most += Math.Max(coefficient * lo, coefficient * hi);
            }

            return (least, most);
        }
    }
}
