import { Role } from '@pams/shared-util';

/** The regions of the pre-sales organisation (PRODUCT.md, "Domain"). */
export const DEMO_REGIONS = [
  'India South',
  'India West',
  'India North',
  'Africa & Europe',
  'SEA',
  'MENA',
  'LATAM',
  'ROW',
  'Inside Sales',
] as const;

export type DemoRegion = (typeof DEMO_REGIONS)[number];

export interface DemoPerson {
  email: string;
  name: string;
  role: Role;
  /** Regions the user belongs to; a MANAGER leads these. The first is the default region. */
  regions: DemoRegion[];
  disabled?: boolean;
}

/** The sign-ins printed by `npm start`, one per role. */
export const DEMO_SIGN_INS: DemoPerson[] = [
  { email: 'admin@demo.pams', name: 'Priya Natarajan', role: Role.ADMIN, regions: ['India South'] },
  { email: 'leader@demo.pams', name: 'Daniel Okafor', role: Role.LEADER, regions: ['Africa & Europe'] },
  { email: 'manager@demo.pams', name: 'Meera Iyer', role: Role.MANAGER, regions: ['India South', 'India West'] },
  { email: 'member@demo.pams', name: 'Ananya Rao', role: Role.MEMBER, regions: ['India South'] },
  { email: 'analyst@demo.pams', name: 'Sofia Lindqvist', role: Role.ANALYST, regions: ['ROW'] },
];

/** Fictional colleagues: a manager for every region (some lead two) and members in each. */
const COLLEAGUES: [name: string, role: Role, regions: DemoRegion[], disabled?: boolean][] = [
  ['Vivek Anand', Role.LEADER, ['India North']],
  ['Nora Hansen', Role.ANALYST, ['Africa & Europe']],

  ['Amit Khanna', Role.MANAGER, ['India North']],
  ['Claire Dubois', Role.MANAGER, ['Africa & Europe']],
  ['Wei Ling Tan', Role.MANAGER, ['SEA']],
  ['Omar Haddad', Role.MANAGER, ['MENA']],
  ['Camila Rodrigues', Role.MANAGER, ['LATAM']],
  ['Hannah Brooks', Role.MANAGER, ['ROW', 'Inside Sales']],

  ['Karthik Subramanian', Role.MEMBER, ['India South']],
  ['Divya Krishnan', Role.MEMBER, ['India South']],
  ['Lakshmi Venkatesh', Role.MEMBER, ['India South']],
  ['Rahul Nair', Role.MEMBER, ['India South']],
  ['Rohan Deshpande', Role.MEMBER, ['India West']],
  ['Sneha Kulkarni', Role.MEMBER, ['India West']],
  ['Vikram Shah', Role.MEMBER, ['India West']],
  ['Pooja Joshi', Role.MEMBER, ['India West']],
  ['Neha Sharma', Role.MEMBER, ['India North']],
  ['Siddharth Malhotra', Role.MEMBER, ['India North']],
  ['Kavya Bansal', Role.MEMBER, ['India North']],
  // Left the team: kept for history, cannot sign in.
  ['Harpreet Singh', Role.MEMBER, ['India North'], true],
  ['Kwame Mensah', Role.MEMBER, ['Africa & Europe']],
  ['Lena Fischer', Role.MEMBER, ['Africa & Europe']],
  ['Tomasz Nowak', Role.MEMBER, ['Africa & Europe']],
  ['Amara Okonkwo', Role.MEMBER, ['Africa & Europe']],
  ['Nguyen Minh Anh', Role.MEMBER, ['SEA']],
  ['Putri Santoso', Role.MEMBER, ['SEA']],
  ['Marco Reyes', Role.MEMBER, ['SEA']],
  ['Siti Rahman', Role.MEMBER, ['SEA']],
  ['Layla Nasser', Role.MEMBER, ['MENA']],
  ['Youssef El-Amin', Role.MEMBER, ['MENA']],
  ['Fatima Al-Sayed', Role.MEMBER, ['MENA']],
  ['Karim Mansour', Role.MEMBER, ['MENA']],
  ['Mateo González', Role.MEMBER, ['LATAM']],
  ['Valentina Rojas', Role.MEMBER, ['LATAM']],
  ['Lucas Almeida', Role.MEMBER, ['LATAM']],
  ['Isabela Costa', Role.MEMBER, ['LATAM']],
  ['Ethan Walker', Role.MEMBER, ['ROW']],
  ['Chloé Martin', Role.MEMBER, ['ROW']],
  ['Kenji Watanabe', Role.MEMBER, ['ROW']],
  ['Jordan Blake', Role.MEMBER, ['Inside Sales']],
  ['Maya Patel', Role.MEMBER, ['Inside Sales']],
  ["Ryan O'Connor", Role.MEMBER, ['Inside Sales']],
  ['Grace Kim', Role.MEMBER, ['Inside Sales']],
];

/** `Chloé Martin` → `chloe.martin@demo.pams`. */
export function demoEmail(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return `${ascii.replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '')}@demo.pams`;
}

export const DEMO_PEOPLE: DemoPerson[] = [
  ...DEMO_SIGN_INS,
  ...COLLEAGUES.map(([name, role, regions, disabled]) => ({ email: demoEmail(name), name, role, regions, disabled })),
];
