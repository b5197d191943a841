// A manager's action in two steps: the form (with the API's errors at its fields), then a
// confirmation that says exactly what will happen. A refusal with field problems returns to the
// form; anything else is shown in the dialog.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ActionDialogProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** The form's fields. */
  children: ReactNode;
  /** What the confirmation asks, e.g. 'Cancel the case "Pavilion 12"?'. */
  question: string;
  submitLabel: string;
  color?: string;
  /** Runs the action; answers false when the API refused it at the form's fields (back to the form). */
  onConfirm: () => Promise<boolean>;
  /** Checks what the person can see is missing (an unpicked person, an empty reason) before confirming; the API checks again. */
  validate?: () => boolean;
  /** A problem that belongs to no field. */
  error?: string | undefined;
  testId?: string;
}

export function ActionDialog({ opened, onClose, title, children, question, submitLabel, color, onConfirm, validate, error, testId }: ActionDialogProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [pending, setPending] = useState(false);
  const close = () => {
    setStep('form');
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!validate || validate()) setStep('confirm');
  };
  const confirm = async () => {
    setPending(true);
    try {
      if (await onConfirm()) close();
      else setStep('form');
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={step === 'form' ? title : t('case.confirm')} centered closeButtonProps={{ 'aria-label': t('case.close') }} data-testid={testId}>
      {step === 'form' ? (
        <form onSubmit={submit} noValidate>
          <Stack>
            {children}
            {error && <Alert color="red" data-testid="action-error">{error}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>{t('case.back')}</Button>
              <Button type="submit" color={color}>{t('case.next')}</Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack role="alertdialog" aria-label={t('case.confirm')}>
          <Text>{question}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStep('form')} disabled={pending}>{t('case.back')}</Button>
            <Button color={color} onClick={() => void confirm()} loading={pending} data-autofocus>{submitLabel}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
