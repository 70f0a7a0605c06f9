import type { ViewContext } from '../context.ts';
import type { RosterPerson } from '../../src/modules/meetings/index.ts';
import type { EditorItem } from '../../src/modules/minutes/index.ts';
import { TextArea, TextField } from '../components/form.tsx';
import { DECISIONS_FORM, type EditorData } from './parts.tsx';
import { PersonEntries } from './PersonEntries.tsx';

interface CardProps {
  v: ViewContext;
  d: EditorData;
  item: EditorItem;
  base: string;
  editable: boolean;
  present: RosterPerson[];
  everyone: RosterPerson[];
  notice?: { kind: 'success' | 'error'; text: string };
}

/**
 * One agenda item in the editor: its decision, conflicts of interest and minority statements.
 * With htmx its small forms (a statement or a conflict added or removed) swap only this card,
 * carrying the item's unsaved decision along so it survives the swap; `notice` is the
 * confirmation (or the rejection) shown and focused after such a swap.
 */
export function ItemCard({ v, d, item, base, editable, present, everyone, notice }: CardProps) {
  const decisionId = `decision-${item.id}`;
  const decisionValue = d.input[decisionId] ?? item.decision ?? '';
  const inPlace = { 'hx-target': `#item-${item.id}`, 'hx-swap': 'outerHTML', 'hx-include': `#decision-${item.id}` };
  return (
    <li class="card" id={`item-${item.id}`}>
      <h3 class="mb-1 text-lg font-bold">
        {v.t('minutes.item', { number: item.number })}. {item.title}
      </h3>
      <p class="mb-3 flex flex-wrap gap-2 text-sm text-slate-700">
        {item.closed && <span class="badge bg-amber-100 text-amber-950">{v.t('minutes.item.closed')}</span>}
        {item.caseNumber && <span>{v.t('minutes.item.case', { number: item.caseNumber })}</span>}
        {item.decisionDocumentId && (
          <span>
            {v.t('minutes.decision.writtenBack')} #{item.decisionDocumentId}
          </span>
        )}
      </p>
      {notice && (
        <p
          class={`mb-3 font-semibold ${notice.kind === 'success' ? 'text-green-800' : 'text-red-800'}`}
          tabindex={-1}
          data-autofocus-swap=""
        >
          {notice.text}
        </p>
      )}
      {editable ? (
        <DecisionBlock
          v={v}
          base={base}
          itemId={item.id}
          number={item.number}
          value={decisionValue}
          error={d.errors[decisionId]}
        />
      ) : (
        <div class="mb-4">
          <h4 class="font-semibold">{v.t('minutes.decision')}</h4>
          <p class="whitespace-pre-line">{item.decision || v.t('minutes.decision.none')}</p>
        </div>
      )}

      <div class="grid gap-4 md:grid-cols-2">
        <Conflicts v={v} d={d} item={item} base={base} editable={editable} people={everyone} inPlace={inPlace} />
        <Statements v={v} d={d} item={item} base={base} editable={editable} people={present} inPlace={inPlace} />
      </div>
    </li>
  );
}

interface EntriesProps {
  v: ViewContext;
  d: EditorData;
  item: EditorItem;
  base: string;
  editable: boolean;
  /** Who can be chosen in the add form. */
  people: RosterPerson[];
  inPlace: Record<string, string>;
}

/** Conflicts of interest (inhabilitet) on an item: any member or substitute, optionally kept out. */
function Conflicts({ v, d, item, base, editable, people, inPlace }: EntriesProps) {
  const personId = `disq-person-${item.id}`;
  const reasonId = `disq-reason-${item.id}`;
  const keptId = `disq-kept-${item.id}`;
  const action = `${base}/items/${item.id}/disqualifications`;
  return (
    <PersonEntries
      v={v}
      title={v.t('minutes.disq')}
      none={v.t('minutes.disq.none')}
      entries={item.disqualified}
      listClass="mb-2 space-y-1"
      itemClass="flex flex-wrap items-center gap-2"
      content={(x) => (
        <>
          <span>
            {x.name}
            {x.reason ? `: ${x.reason}` : ''}
          </span>
          {x.keptOut && <span class="badge">{v.t('minutes.disq.keptOutBadge')}</span>}
        </>
      )}
      remove={
        editable
          ? (x) => ({ action: `${action}/${x.personId}/deletion`, label: v.t('minutes.disq.remove', { name: x.name }) })
          : undefined
      }
      inPlace={inPlace}
      add={
        editable && people.length > 0
          ? {
              label: v.t('minutes.disq.add'),
              action,
              open: !!d.errors[personId] || !!d.errors[reasonId],
              person: {
                id: personId,
                label: v.t('minutes.disq.person'),
                people,
                value: d.input[personId],
                error: d.errors[personId],
              },
              fields: (
                <>
                  <TextField
                    id={reasonId}
                    name="reason"
                    label={v.t('minutes.disq.reason')}
                    value={d.input[reasonId]}
                    error={d.errors[reasonId]}
                  />
                  <div class="mb-3 flex items-start gap-3">
                    <input
                      class="mt-1 size-5 accent-brand-700"
                      type="checkbox"
                      id={keptId}
                      name="keptOut"
                      value="1"
                      checked={d.input[keptId] !== '0'}
                    />
                    <label for={keptId}>{v.t('minutes.disq.keptOut')}</label>
                  </div>
                </>
              ),
            }
          : undefined
      }
    />
  );
}

/** Minority statements (Styrelsesloven §13 stk. 2) on an item: only by a member present. */
function Statements({ v, d, item, base, editable, people, inPlace }: EntriesProps) {
  const personId = `dissent-person-${item.id}`;
  const textId = `dissent-text-${item.id}`;
  const action = `${base}/items/${item.id}/dissents`;
  return (
    <PersonEntries
      v={v}
      title={v.t('minutes.dissents')}
      none={v.t('minutes.dissents.none')}
      entries={item.dissents}
      listClass="mb-2 space-y-2"
      content={(x) => (
        <p>
          <strong>{x.name}:</strong> {x.text}
        </p>
      )}
      remove={
        editable
          ? (x) => ({ action: `${action}/${x.id}/deletion`, label: v.t('minutes.dissent.remove', { name: x.name }) })
          : undefined
      }
      inPlace={inPlace}
      add={
        editable && people.length > 0
          ? {
              label: v.t('minutes.dissent.add'),
              hint: v.t('minutes.dissents.hint'),
              action,
              open: !!d.errors[personId] || !!d.errors[textId],
              person: {
                id: personId,
                label: v.t('minutes.dissent.person'),
                people,
                value: d.input[personId],
                error: d.errors[personId],
              },
              fields: (
                <TextArea
                  id={textId}
                  name="text"
                  label={v.t('minutes.dissent.text')}
                  value={d.input[textId]}
                  error={d.errors[textId]}
                  rows={3}
                />
              ),
            }
          : undefined
      }
    />
  );
}

/**
 * One item's decision field and its save button. Without JavaScript the button submits the
 * page's one decisions form (every item's text); with htmx it saves this item alone and swaps
 * only this block, so the other items' fields are never touched. `swapped` marks the block that
 * htmx gets back from a save: its confirmation (or, when rejected, the field) takes focus.
 */
export function DecisionBlock({
  v,
  base,
  itemId,
  number,
  value,
  error,
  swapped,
}: {
  v: ViewContext;
  base: string;
  itemId: number;
  number: number;
  value: string;
  error?: string;
  swapped?: boolean;
}) {
  const id = `decision-${itemId}`;
  return (
    <div class="mb-4" id={`${id}-block`}>
      <TextArea
        id={id}
        label={v.t('minutes.decision')}
        hint={v.t('minutes.decision.hint')}
        value={value}
        error={error}
        rows={3}
        form={DECISIONS_FORM}
        autofocusSwap={!!swapped && !!error}
      />
      <div class="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          class="btn-primary"
          form={DECISIONS_FORM}
          name="item"
          value={String(itemId)}
          hx-post={`${base}/items/${itemId}/decision`}
          hx-target={`#${id}-block`}
          hx-swap="outerHTML"
        >
          {v.t('minutes.decision.save')}
        </button>
        {swapped && !error && (
          <span class="font-semibold text-green-800" tabindex={-1} data-autofocus-swap="">
            {v.t('minutes.decision.saved', { number })}
          </span>
        )}
      </div>
    </div>
  );
}
