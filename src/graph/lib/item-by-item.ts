/**
 * Answers a list field whose list argument maps item for item onto its result (`nodes(ids)`,
 * `_entities(representations)`): a refused item gets its own error at its own index, and the others
 * go to `resolve` together, in order, so their batching is kept and their answers fill the rest.
 */
export function answerItemByItem(
  refusals: readonly (Error | undefined)[],
  allowedItems: unknown[],
  resolve: (allowed: unknown[]) => unknown,
): unknown {
  const merge = (answers: unknown) => {
    let next = 0;
    return refusals.map((refusal) => refusal ?? (answers as unknown[])[next++]);
  };
  const answers = allowedItems.length > 0 ? resolve(allowedItems) : [];
  return answers instanceof Promise ? answers.then(merge) : merge(answers);
}
