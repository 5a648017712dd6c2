// A list folded under one line on the sampler's phone screen (a door team's households, a fixed
// site's time slots): the line says what matters, the list opens on a tap.
import { Collapse, List } from 'antd';
import type { ReactNode } from 'react';

export function CollapsedList<T>(props: { testId: string; label: ReactNode; loading: boolean; items: T[]; emptyText: string; renderItem: (item: T) => ReactNode }) {
  return (
    <Collapse
      size="small"
      style={{ background: '#fff' }}
      data-testid={props.testId}
      items={[
        {
          key: 'list',
          label: props.label,
          styles: { body: { padding: 0 } },
          children: (
            <List<T>
              size="small"
              loading={props.loading}
              dataSource={props.items}
              locale={{ emptyText: props.emptyText }}
              renderItem={props.renderItem}
              style={{ maxHeight: 320, overflowY: 'auto' }}
            />
          ),
        },
      ]}
    />
  );
}
