import { builder } from '../builder.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';

export const FieldTransformationType = upstreamEnum(
  'FieldTransformationType',
  ['EXCLUDE'],
  'What a transformation does to its field.',
);

export const FieldTransformationRef = builder
  .objectRef<{ field?: string; type?: string }>('FieldTransformation')
  .implement({
    fields: (t) => ({
      field: t.exposeString('field'),
      type: t.field({
        type: FieldTransformationType.ref,
        resolve: (f, _, c) => FieldTransformationType.known(f.type, c),
      }),
    }),
  });
