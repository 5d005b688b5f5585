using System.Linq.Expressions;

namespace Parvis.Domain;

/// <summary>
/// A rule written once as a two-argument expression serves both in memory (compiled) and in a query, with the second
/// argument bound to a value. The value goes through a captured field so the database receives it as a parameter
/// (one query plan), not as a literal.
/// </summary>
public static class ExpressionBinding
{
    public static Expression<Func<T, bool>> BindSecond<T, TValue>(this Expression<Func<T, TValue, bool>> rule, TValue value)
    {
        var captured = new Captured<TValue>(value);
        var access = Expression.Field(Expression.Constant(captured), nameof(Captured<TValue>.Value));
        return Expression.Lambda<Func<T, bool>>(rule.Body.Substitute(rule.Parameters[1], access), rule.Parameters[0]);
    }

    /// <summary>One rule true when any of <paramref name="rules"/> is (false when there is none).</summary>
    public static Expression<Func<T, bool>> AnyOf<T>(IEnumerable<Expression<Func<T, bool>>> rules)
    {
        var item = Expression.Parameter(typeof(T), "x");
        var body = rules.Select(r => r.Body.Substitute(r.Parameters[0], item))
            .Aggregate((Expression)Expression.Constant(false), (all, one) => all is ConstantExpression ? one : Expression.OrElse(all, one));
        return Expression.Lambda<Func<T, bool>>(body, item);
    }

    /// <summary>The expression with every use of <paramref name="parameter"/> replaced by <paramref name="value"/>.</summary>
    public static Expression Substitute(this Expression body, ParameterExpression parameter, Expression value) =>
        new Replace(parameter, value).Visit(body);

    private sealed class Captured<TValue>(TValue value)
    {
        public readonly TValue Value = value;
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
