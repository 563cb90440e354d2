import { Currency, UseCaseBucket } from '@pams/shared-util';
import type { DemoRegion } from './demo-organisation.js';

/** Fictional reference data of the demo organisation (PRODUCT.md, "Domain"). */

export const DEMO_INDUSTRIES = [
  'Retail',
  'BFSI',
  'Telecom',
  'Healthcare',
  'E-commerce',
  'Travel & Hospitality',
  'Automotive',
  'Education',
  'Media & Entertainment',
  'Manufacturing',
  'Energy & Utilities',
  'Public Sector',
  'Logistics',
  'Real Estate',
  'FMCG',
] as const;

export type DemoIndustry = (typeof DEMO_INDUSTRIES)[number];

/** General use cases (no industry), the primary use cases of projects, in their four buckets. */
export const GENERAL_USE_CASES: [name: string, bucket: UseCaseBucket][] = [
  ['Customer support automation', UseCaseBucket.SUPPORT],
  ['Agent assist', UseCaseBucket.SUPPORT],
  ['Ticket deflection', UseCaseBucket.SUPPORT],
  ['Voice IVR modernisation', UseCaseBucket.SUPPORT],
  ['Order status tracking', UseCaseBucket.SUPPORT],
  ['Conversational commerce', UseCaseBucket.COMMERCE],
  ['Abandoned cart recovery', UseCaseBucket.COMMERCE],
  ['Product discovery', UseCaseBucket.COMMERCE],
  ['Payments and collections', UseCaseBucket.COMMERCE],
  ['Lead generation', UseCaseBucket.MARKETING],
  ['Campaign notifications', UseCaseBucket.MARKETING],
  ['Customer onboarding', UseCaseBucket.MARKETING],
  ['Feedback and surveys', UseCaseBucket.MARKETING],
  ['Employee helpdesk', UseCaseBucket.OTHER],
  ['Knowledge search', UseCaseBucket.OTHER],
  ['Workflow automation', UseCaseBucket.OTHER],
];

/** Industry-specific use cases: the secondary use cases of that industry's projects. */
export const INDUSTRY_USE_CASES: Record<DemoIndustry, [name: string, bucket: UseCaseBucket][]> = {
  Retail: [['Store locator', UseCaseBucket.SUPPORT], ['Loyalty programme', UseCaseBucket.MARKETING], ['Click and collect', UseCaseBucket.COMMERCE]],
  BFSI: [['Loan origination', UseCaseBucket.COMMERCE], ['KYC verification', UseCaseBucket.OTHER], ['Card servicing', UseCaseBucket.SUPPORT], ['Insurance claims intake', UseCaseBucket.SUPPORT]],
  Telecom: [['Plan upgrades', UseCaseBucket.COMMERCE], ['SIM activation', UseCaseBucket.SUPPORT], ['Network outage alerts', UseCaseBucket.SUPPORT]],
  Healthcare: [['Appointment booking', UseCaseBucket.SUPPORT], ['Lab report delivery', UseCaseBucket.OTHER], ['Patient reminders', UseCaseBucket.MARKETING]],
  'E-commerce': [['Returns and refunds', UseCaseBucket.SUPPORT], ['Back-in-stock alerts', UseCaseBucket.MARKETING]],
  'Travel & Hospitality': [['Booking changes', UseCaseBucket.SUPPORT], ['Flight status updates', UseCaseBucket.SUPPORT], ['Ancillary upsell', UseCaseBucket.COMMERCE]],
  Automotive: [['Test drive booking', UseCaseBucket.MARKETING], ['Service reminders', UseCaseBucket.SUPPORT]],
  Education: [['Admissions enquiries', UseCaseBucket.MARKETING], ['Fee payment reminders', UseCaseBucket.COMMERCE]],
  'Media & Entertainment': [['Subscription renewals', UseCaseBucket.COMMERCE], ['Content recommendations', UseCaseBucket.MARKETING]],
  Manufacturing: [['Dealer ordering', UseCaseBucket.COMMERCE], ['Field service dispatch', UseCaseBucket.SUPPORT]],
  'Energy & Utilities': [['Bill payment', UseCaseBucket.COMMERCE], ['Outage reporting', UseCaseBucket.SUPPORT]],
  'Public Sector': [['Citizen services', UseCaseBucket.SUPPORT], ['Grievance redressal', UseCaseBucket.SUPPORT]],
  Logistics: [['Shipment tracking', UseCaseBucket.SUPPORT], ['Delivery rescheduling', UseCaseBucket.SUPPORT]],
  'Real Estate': [['Site visit scheduling', UseCaseBucket.MARKETING], ['Lead qualification', UseCaseBucket.MARKETING]],
  FMCG: [['Distributor ordering', UseCaseBucket.COMMERCE], ['Retailer engagement', UseCaseBucket.MARKETING]],
};

export const DEMO_PRODUCTS = [
  'Conversation Cloud',
  'Agent Desk',
  'Voice AI',
  'Campaign Studio',
  'Commerce Suite',
  'Analytics Hub',
  'Knowledge Base',
  'Flow Builder',
  'Messaging Channels',
  'Agentic AI Studio',
] as const;

/** Sales reps by region, with the currency their deals are quoted in. */
export const DEMO_SALES_REPS: [name: string, region: DemoRegion, currency: Currency, active?: boolean][] = [
  ['Arjun Reddy', 'India South', Currency.INR],
  ['Nandini Menon', 'India South', Currency.INR],
  ['Suresh Babu', 'India South', Currency.INR],
  ['Revathi Pillai', 'India South', Currency.INR],
  ['Aditya Mehta', 'India West', Currency.INR],
  ['Kunal Desai', 'India West', Currency.INR],
  ['Priyanka Patil', 'India West', Currency.INR],
  ['Rohit Verma', 'India North', Currency.INR],
  ['Simran Kaur', 'India North', Currency.INR],
  ['Ankit Chauhan', 'India North', Currency.INR],
  // Left the company: their accounts keep them, new accounts cannot pick them.
  ['Manish Gupta', 'India North', Currency.INR, false],
  ['Oliver Bennett', 'Africa & Europe', Currency.GBP],
  ['Sophie Laurent', 'Africa & Europe', Currency.EUR],
  ['Giulia Romano', 'Africa & Europe', Currency.EUR],
  ['Thabo Nkosi', 'Africa & Europe', Currency.USD],
  ['Benjamin Lee', 'SEA', Currency.USD],
  ['Aisyah Abdullah', 'SEA', Currency.USD],
  ['Tran Van Duc', 'SEA', Currency.USD],
  ['Ahmed Al-Farsi', 'MENA', Currency.AED],
  ['Rania Khoury', 'MENA', Currency.AED],
  ['Hassan Qureshi', 'MENA', Currency.AED],
  ['Mariam Saleh', 'MENA', Currency.USD],
  ['Rafael Souza', 'LATAM', Currency.BRL],
  ['Fernanda Lima', 'LATAM', Currency.BRL],
  ['Diego Hernández', 'LATAM', Currency.USD],
  ['Michael Turner', 'ROW', Currency.USD],
  ['Emily Carter', 'ROW', Currency.USD],
  ['Akira Sato', 'ROW', Currency.USD],
  ['Tyler Brooks', 'Inside Sales', Currency.USD],
  ['Jessica Nguyen', 'Inside Sales', Currency.USD],
  ['Samuel Ortiz', 'Inside Sales', Currency.USD],
];

/** First words of fictional company names; the second comes from the industry. */
export const NAME_ROOTS = [
  'Aarohi', 'Acacia', 'Apex', 'Aurora', 'Banyan', 'Baobab', 'Bluepeak', 'Brightwater', 'Cedar', 'Coastal',
  'Condor', 'Crescent', 'Deccan', 'Delta', 'Dune', 'Emerald', 'Everest', 'Falcon', 'Firstline', 'Fjord',
  'Golden Sands', 'Gulf', 'Harbor', 'Highland', 'Horizon', 'Iguazu', 'Indus', 'Ivory', 'Jade', 'Kaveri',
  'Kestrel', 'Keystone', 'Lakeshore', 'Lotus', 'Lumen', 'Meridian', 'Monsoon', 'Mosaic', 'Nimbus', 'Northstar',
  'Nova', 'Oasis', 'Orbit', 'Orchid', 'Pinnacle', 'Quartz', 'Redwood', 'Sahara', 'Sapphire', 'Silverline',
  'Summit', 'Sunrise', 'Tidewater', 'Trident', 'Unity', 'Vantage', 'Vertex', 'Westbrook', 'Zenith', 'Zephyr',
];

export const INDUSTRY_NAME_WORDS: Record<DemoIndustry, string[]> = {
  Retail: ['Retail', 'Stores', 'Fashion', 'Hypermarkets', 'Lifestyle'],
  BFSI: ['Bank', 'Finance', 'Capital', 'Insurance', 'Securities'],
  Telecom: ['Telecom', 'Mobile', 'Networks', 'Broadband'],
  Healthcare: ['Hospitals', 'Health', 'Diagnostics', 'Pharma', 'Clinics'],
  'E-commerce': ['Online', 'Marketplace', 'Shop', 'Direct'],
  'Travel & Hospitality': ['Airways', 'Hotels', 'Travels', 'Resorts'],
  Automotive: ['Motors', 'Auto', 'Mobility'],
  Education: ['University', 'Academy', 'Learning', 'Schools'],
  'Media & Entertainment': ['Media', 'Studios', 'Entertainment', 'Broadcasting'],
  Manufacturing: ['Industries', 'Manufacturing', 'Engineering'],
  'Energy & Utilities': ['Energy', 'Power', 'Utilities', 'Gas'],
  'Public Sector': ['Municipal Corporation', 'Transport Authority', 'Water Board'],
  Logistics: ['Logistics', 'Freight', 'Express', 'Cargo'],
  'Real Estate': ['Realty', 'Properties', 'Developers', 'Homes'],
  FMCG: ['Foods', 'Consumer', 'Beverages', 'Dairy'],
};

/** Relative share of accounts per industry. */
export const INDUSTRY_WEIGHTS: Record<DemoIndustry, number> = {
  Retail: 12, BFSI: 14, Telecom: 7, Healthcare: 8, 'E-commerce': 10, 'Travel & Hospitality': 7, Automotive: 5,
  Education: 6, 'Media & Entertainment': 5, Manufacturing: 5, 'Energy & Utilities': 4, 'Public Sector': 3,
  Logistics: 6, 'Real Estate': 4, FMCG: 6,
};

export const COMPETITORS = ['Chatverse', 'TalkStack', 'Helio CX', 'Converso', 'BotNest', 'Relaya', 'In-house build'];

export const WIN_REASONS = [
  'Strong POC results on live traffic',
  'Best fit for their WhatsApp-first customer journeys',
  'Faster time to go-live than the competition',
  'Consolidation onto our platform with an existing relationship',
  'Pricing aligned with their volume commitment',
  'Agentic flows handled complex queries in the demo',
  'Out-of-the-box integration with their CRM and ticketing',
  'References from customers in the same industry',
];

export const LOSS_REASONS = [
  'Lost on price',
  'Customer stayed with the incumbent vendor',
  'Budget frozen for the financial year',
  'No decision: project deprioritised',
  'Competitor bundled telephony at no extra cost',
  'Data residency requirements could not be met in time',
  'Decided to build in-house',
];

/** Typical monthly recurring revenue of a deal in USD; converted to the rep's currency. */
export const MRR_USD_RANGE: [min: number, max: number] = [1_500, 30_000];
