/**
 * The taxonomy a new platform starts with (stored once, at its first start; platform admins
 * rename, archive and add from then on). Broad fields of regional innovation programmes.
 */
export const DEFAULT_FIELDS: readonly { nameZh: string; nameEn: string }[] = [
  { nameZh: '智能制造', nameEn: 'Smart manufacturing' },
  { nameZh: '新材料', nameEn: 'New materials' },
  { nameZh: '生物医药', nameEn: 'Biomedicine' },
  { nameZh: '数字经济', nameEn: 'Digital economy' },
  { nameZh: '新能源', nameEn: 'New energy' },
  { nameZh: '节能环保', nameEn: 'Energy saving & environment' },
  { nameZh: '现代农业', nameEn: 'Modern agriculture' },
  { nameZh: '文化创意', nameEn: 'Cultural & creative' },
  { nameZh: '人工智能', nameEn: 'Artificial intelligence' },
  { nameZh: '交通物流', nameEn: 'Transport & logistics' },
];
