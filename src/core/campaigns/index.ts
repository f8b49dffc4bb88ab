// Campaigns: a program sent to a group, paced (spec/ictcore.md §4.6, §5.9, §7.3; pacing is in core/delivery).
export * from './campaigns.ts'
export * from './campaign-preparation.ts'
export { campaigns, type CampaignStatus } from './campaigns.table.ts'
