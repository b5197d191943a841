// The deals board: a column per pipeline stage with its count and ruble sum, cards of the open
// deals (title, client, amount, owner, planned close, an overdue-step marker), filtered by owner,
// "my deals" and text. A card is dragged (mouse or keyboard, @dnd-kit) to another stage: when the
// deal's route leads there from the step the person holds, that step is completed with that
// outcome (or its page opens with the outcome chosen, when its form must be filled); when it does
// not, the move is refused with a message and the route's open step opens. A deal without a case
// is moved directly. A card's menu closes the deal as won or lost.
import { DndContext, KeyboardSensor, PointerSensor, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { ActionIcon, Alert, Anchor, Badge, Card, Checkbox, Group, Loader, Menu, ScrollArea, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../auth.tsx';
import { useEmployees } from '../case/queries.ts';
import { useFormat } from '../format.ts';
import { CloseDealModal } from './CloseDealModal.tsx';
import { completeStep, fetchMoves, patchStage, useBoard } from './queries.ts';

type Board = NonNullable<ReturnType<typeof useBoard>['data']>;
type Column = Board['columns'][number];
type DealCard = Column['items'][number];

export function DealsBoardPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const people = useEmployees();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text, 350);
  const [owner, setOwner] = useState<string | null>(null);
  const [mine, setMine] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'refused'; text: string } | null>(null);
  const [closing, setClosing] = useState<{ deal: DealCard; outcome: 'won' | 'lost' } | null>(null);
  const ownerId = mine ? me.data?.id : (owner ?? undefined);
  const board = useBoard({ q: q.trim() || undefined, ownerId });
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor));
  const stageName = (s: Column['stage']) => (i18n.language.startsWith('en') && s.nameEn ? s.nameEn : s.name);

  const onDragEnd = async (e: DragEndEvent) => {
    const deal = e.active.data.current?.deal as DealCard | undefined;
    const column = board.data?.columns.find((c) => c.stage.id === e.over?.id);
    if (!deal || !column || column.stage.id === deal.stage.id) return;
    setMessage(null);
    const moves = await fetchMoves(deal.id);
    if (moves.patchable) {
      await patchStage(deal.id, deal.version, column.stage.id);
    } else {
      const found = moves.steps.flatMap((s) => s.moves.map((m) => ({ step: s, move: m }))).find((x) => x.move.stage === column.stage.code);
      if (!found) {
        setMessage({ kind: 'refused', text: t('deals.refused', { stage: stageName(column.stage) }) });
        const step = moves.steps[0];
        if (step) void navigate(`/tasks/${step.assignmentId}`);
        return;
      }
      if (found.move.needsForm) {
        void navigate(`/tasks/${found.step.assignmentId}${found.move.outcome ? `?outcome=${encodeURIComponent(found.move.outcome)}` : ''}`);
        return;
      }
      await completeStep(found.step.assignmentId, found.move.outcome);
    }
    setMessage({ kind: 'ok', text: t('deals.moved', { title: deal.title, stage: stageName(column.stage) }) });
    // The route moves the stage a moment after the step is completed.
    await qc.invalidateQueries({ queryKey: ['deals'] });
    setTimeout(() => void qc.invalidateQueries({ queryKey: ['deals'] }), 800);
  };

  return (
    <Stack gap="md">
      <Title order={2}>{t('deals.title')}</Title>
      <Group align="end" wrap="wrap">
        <TextInput label={t('deals.search')} placeholder={t('deals.searchHint')} value={text} onChange={(e) => setText(e.currentTarget.value)} w={260} />
        <Select label={t('deals.owner')} placeholder={t('deals.anyone')} data={people.map((p) => ({ value: p.id, label: p.name }))} value={owner} onChange={setOwner} clearable searchable disabled={mine} w={240} />
        <Checkbox label={t('deals.mine')} checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} mb={8} />
      </Group>
      <Text size="sm" c="dimmed">{t('deals.dragHint')}</Text>
      {message && <Alert role="status" color={message.kind === 'ok' ? 'teal' : 'orange'} withCloseButton onClose={() => setMessage(null)}>{message.text}</Alert>}
      {board.isPending ? <Loader /> : board.error ? <Alert color="red">{board.error.message}</Alert> : (
        <DndContext sensors={sensors} onDragEnd={(e) => void onDragEnd(e).catch((err: unknown) => setMessage({ kind: 'refused', text: err instanceof Error ? err.message : String(err) }))}>
          <ScrollArea type="auto">
            <Group align="start" wrap="nowrap" gap="sm" pb="sm">
              {board.data.columns.map((col) => (
                <StageColumn key={col.stage.id} column={col} title={stageName(col.stage)} sum={fmt.rub(col.amount / 100)}>
                  {col.items.map((d) => <DealCardView key={d.id} deal={d} onClose={(outcome) => setClosing({ deal: d, outcome })} />)}
                </StageColumn>
              ))}
            </Group>
          </ScrollArea>
        </DndContext>
      )}
      {closing && <CloseDealModal deal={closing.deal} outcome={closing.outcome} onClose={() => setClosing(null)} />}
    </Stack>
  );
}

function StageColumn({ column, title, sum, children }: { column: Column; title: string; sum: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: column.stage.id });
  return (
    <Stack ref={setNodeRef} gap="xs" w={280} miw={280} p="xs" bg={isOver ? 'blue.0' : 'gray.0'} style={{ borderRadius: 8, minHeight: 300 }} aria-label={title} role="region" data-stage={column.stage.code}>
      <Stack gap={0}>
        <Text fw={600}>{title}</Text>
        <Text size="sm" c="dimmed">{t('deals.count', { count: column.count })} · {sum}</Text>
      </Stack>
      {column.items.length === 0 && <Text size="sm" c="dimmed">{t('deals.empty')}</Text>}
      {children}
    </Stack>
  );
}

function DealCardView({ deal, onClose }: { deal: DealCard; onClose: (outcome: 'won' | 'lost') => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: deal.id, data: { deal } });
  const style = transform ? { transform: `translate(${transform.x}px, ${transform.y}px)`, zIndex: 10 } : undefined;
  return (
    <Card ref={setNodeRef} withBorder padding="xs" style={{ ...style, opacity: isDragging ? 0.7 : 1 }} data-deal={deal.id}>
      <Group justify="space-between" wrap="nowrap" align="start" gap={4}>
        <ActionIcon variant="subtle" size="sm" color="gray" style={{ cursor: 'grab', touchAction: 'none' }} aria-label={t('deals.drag', { title: deal.title })} data-drag={deal.title} {...attributes} {...listeners}>
          <span aria-hidden>⠿</span>
        </ActionIcon>
        <Anchor component={Link} to={`/deals/${deal.id}`} fw={600} size="sm" style={{ flex: 1 }}>{deal.title}</Anchor>
        <Menu position="bottom-end">
          <Menu.Target>
            <ActionIcon variant="subtle" size="sm" aria-label={t('deals.actions', { title: deal.title })}><span aria-hidden>⋯</span></ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('deals.close')}</Menu.Label>
            <Menu.Item onClick={() => onClose('won')}>{t('deals.won')}</Menu.Item>
            <Menu.Item onClick={() => onClose('lost')}>{t('deals.lost')}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      <Text size="xs">{deal.client.name}</Text>
      <Text size="sm" fw={500}>{fmt.rub(deal.amount / 100)}</Text>
      <Group gap={6} justify="space-between">
        <Text size="xs" c="dimmed">{deal.owner.name}</Text>
        {deal.plannedCloseDate && <Text size="xs" c="dimmed">{t('deals.plannedClose')}: {fmt.date(deal.plannedCloseDate)}</Text>}
      </Group>
      {deal.stepOverdue && <Badge color="red.9" size="sm" mt={4}>{t('deals.overdue')}</Badge>}
    </Card>
  );
}
