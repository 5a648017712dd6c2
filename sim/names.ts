// Chinese names for the synthetic demo city (sim/city.ts). Pure data plus the small rules that combine it,
// so a map of the demo reads like a real northern Chinese city instead of "区1 / 社区7".

export type Rng = () => number;

const DISTRICTS = [
  '长风区', '南湖区', '北山区', '东岭区', '西江区', '临河区', '青松区', '白桦区', '金台区', '望川区', '静湖区', '兴隆区',
];

/** Two-character place words; subdistricts and communities are built from them. */
const WORDS = [
  '永安', '兴华', '和平', '建设', '胜利', '红旗', '光明', '东风', '民主', '新民', '长青', '繁荣', '团结', '友谊', '前进',
  '幸福', '安达', '新华', '文化', '春城', '南岭', '北安', '西安', '东盛', '大屯', '临江', '清和', '泰和', '瑞祥', '丰乐',
  '福安', '吉林', '宽平', '朝阳', '桂林', '湖西', '站前', '铁北', '农安', '合隆', '双德', '富锋', '景阳', '明德', '正阳',
  '曙光', '永吉', '天光', '金钱', '锦程', '华阳', '松柏', '柳影', '青年', '工农', '解放', '自强', '和顺', '安乐', '长山',
  '新立', '兴业', '育民', '惠民', '仁和', '德胜', '三环', '嘉园', '东湖', '西湖', '南关', '北门', '万宝', '太平', '长春',
  '远达', '卫星', '开运', '奋进', '鸿城', '新风', '富民', '同心', '百花', '翠湖', '乐群', '宝山', '凯旋', '安顺', '群英',
  '平安', '红光', '星火', '晨光', '锦江', '丰收', '盛京', '永昌', '吉祥', '新兴',
];
const COMMUNITY_SUFFIXES = ['', '里', '园', '桥', '湖', '山', '林', '河', '路', '苑'];

const COMPOUND_BRANDS = [
  '绿园', '阳光', '碧水', '锦绣', '翠湖', '金色', '明珠', '香榭', '丽景', '御景', '蓝天', '紫荆', '春华', '秋实', '百合',
  '梧桐', '枫林', '桂花', '海棠', '书香', '滨河', '世纪', '星河', '盛世', '瑞丰', '富强', '幸福', '和谐', '康乐', '怡和',
  '水岸', '东方', '银河', '玉兰', '丁香', '君子兰', '松江', '润德', '华府', '铂悦', '锦江', '湖畔', '山水', '欣园', '新兴',
  '祥和', '长岛', '天地', '嘉和', '馨居', '恒信', '金穗', '龙泉', '雅苑', '福星', '汇景', '领秀', '清源', '翡翠', '万和',
];
const COMPOUND_TYPES = ['小区', '花园', '家园', '苑', '新城', '华庭', '名苑', '雅居', '公寓', '新村'];
const PHASES = ['', '二期', '三期', '四期', '五期', '六期', '七期', '八期', '九期'];
const CHINESE_NUMBERS = ['', '二', '三', '四', '五', '六', '七', '八', '九'];

const SUPERMARKETS = ['欧亚', '华联', '福佳', '万家福', '好邻居', '大众', '新天地', '家乐购'];
const FOODS = ['饺子馆', '面馆', '烧烤', '火锅', '麻辣烫', '包子铺', '冷面馆', '砂锅居', '酸菜鱼', '东北菜馆', '锅包肉'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '马', '朱', '胡', '郭', '何', '高', '林'];
const PHARMACIES = ['益民', '老百姓', '康民', '仁和', '大参林'];
const CONVENIENCE = ['好邻居', '便利蜂', '快客', '喜士多'];
const HOTELS = ['金湖', '华美', '天宇', '鸿运', '悦来', '迎宾', '友谊', '银河', '丽都', '新世纪', '锦华', '维景', '松苑', '南山'];
const HOTEL_KINDS = ['酒店', '大酒店', '宾馆', '商务酒店', '假日酒店'];
const LAB_BRANDS = ['华检', '康源', '博安', '瑞达', '中检', '金准'];
const FANGCANG_VENUES = ['会展中心', '体育馆', '体育中心', '全民健身中心', '国际会展中心', '工业园区'];

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)];
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The ordinal-th name of a list of n, in a seed-dependent order without repeats: an affine map
 * i → (a·i + b) mod n with a coprime to n is a permutation that needs no shuffled copy in memory.
 * `round` counts how many times the list has been used up (callers add 二期 / 二 … to stay unique).
 */
function permuted(ordinal: number, n: number, mix: number): { index: number; round: number } {
  let a = (mix % n) | 1;
  while (gcd(a, n) !== 1) a += 2;
  const b = (mix >>> 8) % n;
  return { index: (a * (ordinal % n) + b) % n, round: Math.floor(ordinal / n) };
}

/** Name of an area place. `index` is its 0-based place among siblings, `ordinal` among all places of its kind. */
export function placeName(kind: string, index: number, ordinal: number, mix: number): string {
  switch (kind) {
    case 'district': {
      const { index: i, round } = permuted(ordinal, DISTRICTS.length, mix);
      return round === 0 ? DISTRICTS[i] : DISTRICTS[i].replace('区', `${CHINESE_NUMBERS[round % 9] || '新'}区`);
    }
    case 'subdistrict': {
      const { index: i, round } = permuted(ordinal, WORDS.length, mix);
      return `${WORDS[i]}${CHINESE_NUMBERS[round % 9]}街道`;
    }
    case 'community': {
      const n = WORDS.length * COMMUNITY_SUFFIXES.length;
      const { index: i, round } = permuted(ordinal, n, mix);
      const word = WORDS[i % WORDS.length] + COMMUNITY_SUFFIXES[Math.floor(i / WORDS.length)];
      return `${word}${CHINESE_NUMBERS[round % 9]}社区`;
    }
    case 'compound': {
      const n = COMPOUND_BRANDS.length * COMPOUND_TYPES.length;
      const { index: i, round } = permuted(ordinal, n, mix);
      const type = COMPOUND_TYPES[Math.floor(i / COMPOUND_BRANDS.length)];
      return `${COMPOUND_BRANDS[i % COMPOUND_BRANDS.length]}${type}${PHASES[round % 9]}`;
    }
    case 'grid':
      return `第${index + 1}网格`;
    case 'building':
      return `${index + 1}号楼`;
    case 'unit':
      return `${index + 1}单元`;
    default:
      throw new RangeError(`no naming rule for ${kind}`);
  }
}

/** "长青里社区" → "长青里", "永安街道" → "永安", "长风区" → "长风": the part used inside other names. */
export function shortName(name: string): string {
  return name.replace(/(社区|街道|区)$/, '');
}

/** A room number as written on a door: floor 12, door 1 → "1201". */
export function roomName(floor: number, door: number): string {
  return `${floor}${String(door).padStart(2, '0')}`;
}

type Template = (rng: Rng, area: string) => string;
const restaurant: Template = (rng) =>
  rng() < 0.5 ? `老${pick(rng, SURNAMES)}家${pick(rng, FOODS)}` : `${pick(rng, SURNAMES)}记${pick(rng, FOODS)}`;

/** Neighbourhood venues, weighted by how often each appears on a street (repeats raise the weight). */
const COMMUNITY_VENUES: Template[] = [
  (rng, a) => `${pick(rng, SUPERMARKETS)}超市(${a}店)`,
  (rng, a) => `${pick(rng, SUPERMARKETS)}超市(${a}店)`,
  (_rng, a) => `${a}菜市场`,
  restaurant, restaurant, restaurant,
  (rng, a) => `${pick(rng, PHARMACIES)}大药房(${a}店)`,
  (_rng, a) => `${a}社区卫生服务站`,
  (rng) => `${pick(rng, SURNAMES)}氏诊所`,
  (rng, a) => `${pick(rng, CONVENIENCE)}便利店(${a}店)`,
  (_rng, a) => `${a}洗浴中心`,
  (_rng, a) => `${a}网吧`,
  (rng, a) => `${a}${rng() < 0.5 ? '美发店' : '健身房'}`,
];

/** Venues that serve a whole subdistrict: transport, big markets, malls, the health centre. */
const SUBDISTRICT_VENUES: Template[] = [
  (_rng, a) => `${a}公交站`,
  (_rng, a) => `${a}客运站`,
  (_rng, a) => `${a}农贸市场`,
  (rng, a) => `${pick(rng, SUPERMARKETS)}购物中心(${a}店)`,
  (_rng, a) => `${a}街道社区卫生服务中心`,
  (_rng, a) => `${a}电影院`,
];

export function venueName(rng: Rng, areaName: string, scope: 'community' | 'subdistrict'): string {
  const templates = scope === 'community' ? COMMUNITY_VENUES : SUBDISTRICT_VENUES;
  return pick(rng, templates)(rng, shortName(areaName));
}

export function samplingSiteName(communityName: string, n: number): string {
  return `${communityName}${n}号采样点`;
}

export function doorTeamName(communityName: string): string {
  return `${communityName}上门采样队`;
}

export function labName(rng: Rng, districtName: string, n: number): string {
  return n === 1 ? `${districtName}疾控中心实验室` : `${pick(rng, LAB_BRANDS)}医学检验实验室(${shortName(districtName)})`;
}

export function hospitalName(rng: Rng, districtName: string): string {
  return `${districtName}${rng() < 0.6 ? '人民医院' : '中心医院'}`;
}

export function fangcangName(rng: Rng, districtName: string): string {
  return `${districtName}${pick(rng, FANGCANG_VENUES)}方舱医院`;
}

/** `count` hotel quarantine sites with different hotels, so one district never lists the same name twice. */
export function isolationSiteNames(rng: Rng, count: number): string[] {
  const first = Math.floor(rng() * HOTELS.length);
  return Array.from({ length: count }, (_, i) => `${HOTELS[(first + i) % HOTELS.length]}${pick(rng, HOTEL_KINDS)}隔离点`);
}
