/* Stub for corpus fixtures: vmas, faults and the calls that map pages. */
#ifndef _CORPUS_LINUX_MM_H
#define _CORPUS_LINUX_MM_H

#include <linux/types.h>

struct vm_operations_struct;

struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	unsigned long vm_pgoff;
	vm_flags_t vm_flags;
	pgprot_t vm_page_prot;
	const struct vm_operations_struct *vm_ops;
	struct file *vm_file;
	void *vm_private_data;
};

struct vm_fault {
	struct vm_area_struct *vma;
	pgoff_t pgoff;
	unsigned long address;
	struct page *page;
};

struct vm_operations_struct {
	void (*open)(struct vm_area_struct *vma);
	void (*close)(struct vm_area_struct *vma);
	vm_fault_t (*fault)(struct vm_fault *vmf);
	vm_fault_t (*huge_fault)(struct vm_fault *vmf, unsigned int order);
	vm_fault_t (*map_pages)(struct vm_fault *vmf, pgoff_t start, pgoff_t end);
	vm_fault_t (*page_mkwrite)(struct vm_fault *vmf);
	vm_fault_t (*pfn_mkwrite)(struct vm_fault *vmf);
};

#define VM_SHARED 0x00000008UL
#define VM_MAYSHARE 0x00000080UL
#define VM_MAYWRITE 0x00000020UL
#define VM_IO 0x00004000UL
#define VM_PFNMAP 0x00000400UL
#define VM_MIXEDMAP 0x10000000UL
#define VM_DONTEXPAND 0x00040000UL
#define VM_DONTDUMP 0x04000000UL
#define VM_FAULT_SIGBUS 0x000002

void vm_flags_set(struct vm_area_struct *vma, vm_flags_t flags);
void vm_flags_mod(struct vm_area_struct *vma, vm_flags_t set, vm_flags_t clear);
void __vm_flags_mod(struct vm_area_struct *vma, vm_flags_t set, vm_flags_t clear);
void vm_flags_reset(struct vm_area_struct *vma, vm_flags_t flags);
int remap_pfn_range(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn,
		    unsigned long size, pgprot_t prot);
int vm_map_pages(struct vm_area_struct *vma, struct page **pages, unsigned long num);
int vm_insert_page(struct vm_area_struct *vma, unsigned long addr, struct page *page);
vm_fault_t vmf_insert_page(struct vm_area_struct *vma, unsigned long addr, struct page *page);
vm_fault_t vmf_insert_pfn(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn);
/* The 4.x spelling, which returned an errno (vmf_insert_pfn() replaced it). */
int vm_insert_pfn(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn);
unsigned long page_to_pfn(struct page *page);
pgprot_t pgprot_writecombine(pgprot_t prot);
pgprot_t vm_get_page_prot(vm_flags_t flags);
void vma_set_file(struct vm_area_struct *vma, struct file *file);
struct file *get_file(struct file *f);
void fput(struct file *file);
void unmap_mapping_range(void *mapping, long long start, long long len, int even_cows);

#endif
