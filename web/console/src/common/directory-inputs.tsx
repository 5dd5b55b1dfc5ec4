// Inputs backed by the staff directory (issue 4): free text with suggestions for the registration form,
// and a user picker for a screened subject's link. Labels are plain text: never user text as HTML.
import { AutoComplete, Input, Select, Spin } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../app/i18n.js';
import { entryLabel, useStaffDirectory, type DirectoryEntry } from './staff-directory.js';

interface TextProps {
  /** From Form.Item. */
  readonly value?: string;
  readonly onChange?: (value: string) => void;
  readonly maxLength: number;
  readonly id?: string;
  /** Called with the user chosen from the suggestions, so the row can fill its other fields. */
  readonly onPick: (entry: DirectoryEntry) => void;
  /** What the field holds of a chosen user: the value written into this input. */
  readonly field: 'displayName' | 'policeNumber';
}

/** A text field suggesting directory users; whatever is typed stays valid (an officer nobody can identify). */
export function DirectoryTextInput(props: TextProps): ReactNode {
  const { pick } = useI18n();
  const value = props.value ?? '';
  const { entries } = useStaffDirectory(value);
  const options = entries.map((e) => ({ value: e.userId, label: entryLabel(e) }));
  return (
    <AutoComplete
      value={value}
      options={options}
      // The option's value is the user id, so two namesakes stay apart; the input shows this field's text.
      onSelect={(userId: string) => {
        const e = entries.find((x) => x.userId === userId);
        if (e === undefined) return;
        props.onChange?.(props.field === 'policeNumber' ? (e.policeNumber ?? '') : e.displayName);
        props.onPick(e);
      }}
      onChange={(v: string) => {
        // Selecting reports the option's value (a user id) through onChange too: onSelect writes the text.
        if (!entries.some((e) => e.userId === v)) props.onChange?.(v);
      }}
      // The server has matched already: the options' values are ids, which the typed text would never match.
      showSearch={{ filterOption: false }}
      popupMatchSelectWidth={320}
      {...(props.id === undefined ? {} : { id: props.id })}
    >
      <Input maxLength={props.maxLength} placeholder={pick({ zh: '可输入查询', en: 'Type to search' })} />
    </AutoComplete>
  );
}

interface PickerProps {
  readonly value?: string | null;
  readonly onChange?: (value: string | null) => void;
  readonly id?: string;
  /** The label of the user already linked, when the case knows it. */
  readonly knownLabel?: string | undefined;
  readonly onPick: (entry: DirectoryEntry) => void;
}

/** Chooses a user by police number or name; shows 姓名（警号）单位. */
export function DirectoryUserPicker(props: PickerProps): ReactNode {
  const { pick } = useI18n();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<DirectoryEntry | null>(null);
  const { entries, loading } = useStaffDirectory(search);
  const value = props.value ?? null;
  const options = entries.map((e) => ({ value: e.userId, label: entryLabel(e) }));
  // The current value keeps a label while the search shows other people.
  if (value !== null && !options.some((o) => o.value === value)) {
    const label = chosen?.userId === value ? entryLabel(chosen) : (props.knownLabel ?? value);
    options.unshift({ value, label });
  }
  return (
    <Select
      {...(props.id === undefined ? {} : { id: props.id })}
      value={value}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      placeholder={pick({ zh: '输入警号或姓名查询', en: 'Type a police number or name' })}
      notFoundContent={loading ? <Spin size="small" /> : search.trim().length < 2 ? pick({ zh: '至少输入两个字符', en: 'Type at least two characters' }) : pick({ zh: '无匹配人员', en: 'Nobody matches' })}
      onChange={(v: string | undefined) => {
        const e = entries.find((x) => x.userId === v);
        if (e !== undefined) {
          setChosen(e);
          props.onPick(e);
        }
        props.onChange?.(v ?? null);
      }}
    />
  );
}
