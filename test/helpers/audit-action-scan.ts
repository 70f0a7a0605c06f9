/**
 * Finds every audit action code the code base writes, by reading the source (the TypeScript
 * parser, no type checker): every object literal with an `action` property beside `actor`,
 * `summary` or `entityType` (an audit event, or a case read that becomes one). The property's
 * value is followed through string literals, `a ? 'x' : 'y'`, `??`, `||`, and constants of the
 * same file (`const FLAG_ACTIONS = { hidden: ['thread.hide', 'thread.show'] }` gives both).
 *
 * What it cannot follow is reported, not guessed: a template with `${…}` (`case.${change}`) must
 * be expanded by the caller's table, and any other expression (a parameter passed on) must be
 * named as a pass-through. So a new way of writing an action code fails the test until someone
 * looks at it.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface ScanResult {
  /** Code → the files that write it. */
  codes: Map<string, Set<string>>;
  /** `file: template` for templates with substitutions (`meeting.status.${to}`). */
  templates: string[];
  /** `file: expression` for values that are neither literals nor constants of the file. */
  unresolved: string[];
}

const EVENT_PROPERTIES = new Set(['actor', 'summary', 'entityType']);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(p, out);
    else if (
      /\.tsx?$/.test(entry.name) &&
      !/\.(test|browser\.test)\.tsx?$/.test(entry.name) &&
      !/\.fixtures\.ts$/.test(entry.name)
    )
      out.push(p);
  }
  return out;
}

const propertyName = (p: ts.ObjectLiteralElementLike): string | null =>
  p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;

export function scanAuditActions(root: string, dirs: string[]): ScanResult {
  const result: ScanResult = { codes: new Map(), templates: [], unresolved: [] };
  for (const file of dirs.flatMap((d) => sourceFiles(path.join(root, d)))) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const consts = new Map<string, ts.Expression>();
    const collectConsts = (node: ts.Node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer)
        consts.set(node.name.text, node.initializer);
      ts.forEachChild(node, collectConsts);
    };
    collectConsts(sf);
    const add = (code: string) => {
      if (!result.codes.has(code)) result.codes.set(code, new Set());
      result.codes.get(code)!.add(rel);
    };
    const allLiterals = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) add(node.text);
      ts.forEachChild(node, allLiterals);
    };
    const resolve = (e: ts.Expression, seen: Set<string>): void => {
      if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return add(e.text);
      if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))
        return resolve(e.expression, seen);
      if (ts.isConditionalExpression(e)) {
        resolve(e.whenTrue, seen);
        return resolve(e.whenFalse, seen);
      }
      if (
        ts.isBinaryExpression(e) &&
        (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
          e.operatorToken.kind === ts.SyntaxKind.BarBarToken)
      ) {
        resolve(e.left, seen);
        return resolve(e.right, seen);
      }
      if (ts.isTemplateExpression(e)) {
        result.templates.push(`${rel}: ${e.getText(sf)}`);
        return;
      }
      if (ts.isIdentifier(e) && consts.has(e.text) && !seen.has(e.text)) {
        seen.add(e.text);
        return resolve(consts.get(e.text)!, seen);
      }
      // FLAG_ACTIONS[flag][on ? 0 : 1]: every code in the table.
      let base: ts.Expression = e;
      while (ts.isElementAccessExpression(base) || ts.isPropertyAccessExpression(base)) base = base.expression;
      if (base !== e && ts.isIdentifier(base) && consts.has(base.text)) {
        const init = consts.get(base.text)!;
        if (ts.isObjectLiteralExpression(init) || ts.isArrayLiteralExpression(init)) return allLiterals(init);
      }
      result.unresolved.push(`${rel}: ${e.getText(sf)}`);
    };
    const visit = (node: ts.Node) => {
      if (ts.isObjectLiteralExpression(node)) {
        const names = node.properties.map(propertyName);
        const action = node.properties.find((p) => propertyName(p) === 'action');
        if (action && names.some((n) => n !== null && EVENT_PROPERTIES.has(n))) {
          if (ts.isPropertyAssignment(action)) resolve(action.initializer, new Set());
          else if (ts.isShorthandPropertyAssignment(action)) resolve(action.name, new Set());
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return result;
}
