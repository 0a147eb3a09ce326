import { Fragment } from 'react';

/**
 * Names one after another ("Ann, محمد علي, 李娜"), each isolated in its own direction, so an
 * Arabic or Hebrew name never pulls the commas and the names around it out of order.
 */
export function NameList({ names }: { names: readonly string[] }) {
  return names.map((name, index) => (
    <Fragment key={index}>
      {index > 0 && ', '}
      <bdi>{name}</bdi>
    </Fragment>
  ));
}
