// Closing a deal as won, or lost with a reason from the list and a comment (the stage it failed
// at is recorded by the API from the deal's stage).
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { closeDeal, LOSS_REASONS, type LossReason } from './queries.ts';

export function CloseDealModal({ deal, outcome, onClose }: { deal: { id: string; title: string }; outcome: 'won' | 'lost'; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reason, setReason] = useState<LossReason>('price');
  const [comment, setComment] = useState('');
  const close = useMutation({
    mutationFn: () => closeDeal(deal.id, outcome, reason, comment.trim() || undefined),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['deals'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`${t('deals.close')}: ${deal.title}`}>
      <Stack>
        {outcome === 'lost' && (
          <Select label={t('deals.reason')} data={LOSS_REASONS.map((r) => ({ value: r, label: t(`deals.reasons.${r}`) }))} value={reason} onChange={(v) => { if (v) setReason(LOSS_REASONS.find((r) => r === v) ?? 'other'); }} allowDeselect={false} />
        )}
        <TextInput label={t('deals.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        {close.error && <div role="alert">{close.error.message}</div>}
        <Group justify="end">
          <Button variant="default" onClick={onClose}>{t('deals.cancel')}</Button>
          <Button color={outcome === 'won' ? 'teal' : 'red'} loading={close.isPending} onClick={() => close.mutate()}>{t('deals.confirm')}: {t(`deals.${outcome}`)}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
